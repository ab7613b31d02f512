package org.vosuite.common.uws;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What an executing job can do: write results, read the files stored with it, learn that it was stopped. */
public final class JobContext {
    private final String jobId;
    private final ResultStore files;
    private final List<Job.Result> results = new ArrayList<>();
    private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    JobContext(String jobId, ResultStore files) {
        this.jobId = jobId;
        this.files = files;
    }

    /** A new result of the job; its size is recorded when the stream is closed. */
    public OutputStream createResult(String id, String mimeType) throws IOException {
        OutputStream out = files.create(jobId, "result-" + id);
        return new FilterOutputStream(out) {
            private long size;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                size++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                size += len;
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    super.close();
                    synchronized (results) {
                        results.add(new Job.Result(id, mimeType, size));
                    }
                }
            }
        };
    }

    /** A file stored with the job when it was created (an inline upload). */
    public InputStream openFile(String name) throws IOException {
        return files.open(jobId, name);
    }

    /** Runs {@code hook} when the job is aborted or runs out of time (at once if that already happened). */
    public void onCancel(Runnable hook) {
        cancelHooks.add(hook);
        if (cancelled) {
            hook.run();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
        cancelHooks.forEach(Runnable::run);
    }

    List<Job.Result> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }
}
