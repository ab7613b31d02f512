package org.vosuite.tap.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vosuite.tap.TapService;
import org.vosuite.tap.plan.QueryException;
import org.vosuite.tap.upload.UploadException;
import org.vosuite.tap.upload.UploadFetcher;
import org.vosuite.tap.upload.UploadLimits;
import org.vosuite.tap.upload.UploadReader;
import org.vosuite.tap.upload.UploadRequest;

/** One TAP request carried out, the same way for sync and async: uploads read, query translated, run, written. */
public final class TapExecution {
    private TapExecution() {
    }

    /** The file of a multipart part of the request (sync) or stored with the job (async); null when absent. */
    @FunctionalInterface
    public interface Parts {
        Path file(String part) throws IOException;
    }

    public static void run(TapService service, TapRequest request, Parts parts, QueryRunner runner,
            Map<String, String> infos, OutputStream out)
            throws QueryException, UploadException, SQLException, IOException {
        UploadLimits limits = service.limits().uploads();
        List<Path> fetched = new ArrayList<>();
        try {
            List<QueryRunner.Upload> uploads = new ArrayList<>();
            for (UploadRequest u : request.uploads()) {
                Path file;
                if (u.part() != null) {
                    file = parts.file(u.part());
                    if (file == null) {
                        throw new UploadException("UPLOAD=" + u.name() + ",param:" + u.part() + " names a part '"
                                + u.part() + "' that the request does not have; send the table as a multipart "
                                + "part of that name");
                    }
                } else {
                    file = UploadFetcher.fetch(u, limits);
                    fetched.add(file);
                }
                uploads.add(new QueryRunner.Upload(u.name(), UploadReader.read(u.name(), file, limits)));
            }
            runner.run(uploads, limits, tables -> service.translate(request.query(), request.maxRec(), tables),
                    request.maxRec(), request.format(), infos, out);
        } finally {
            for (Path p : fetched) {
                Files.deleteIfExists(p);
            }
        }
    }
}
