package org.vosuite.common.uws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where job files live: results, error documents and inline uploads. A local folder by default
 * ({@link LocalResultStore}); an object store can implement this later. Files are always served through the
 * service's own URLs, so a client's credentials never go to a third party.
 */
public interface ResultStore {
    /** A new file of the job, replacing any with the same name. */
    OutputStream create(String jobId, String name) throws IOException;

    /** Moves a file (an upload the HTTP layer received) into the job's files. */
    void put(String jobId, String name, Path source) throws IOException;

    /** Reads a file of the job. */
    InputStream open(String jobId, String name) throws IOException;

    /** The file on the local disk, for zero-copy serving; null when the store is not local. */
    Path localFile(String jobId, String name);

    /** Deletes every file of the job. */
    void delete(String jobId) throws IOException;
}
