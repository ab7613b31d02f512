package org.vosuite.tap.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vosuite.common.uws.Job;
import org.vosuite.common.uws.JobContext;
import org.vosuite.common.uws.JobExecutor;
import org.vosuite.common.uws.JobFailure;
import org.vosuite.tap.TapService;
import org.vosuite.tap.plan.QueryException;
import org.vosuite.tap.upload.UploadException;

/**
 * Executes async TAP jobs: the job's parameters read as a sync request would be, the result written to the job's
 * result {@code result}. ABORT and the execution duration cancel the running statement.
 */
public final class AsyncQueries implements JobExecutor {
    private final TapService service;

    public AsyncQueries(TapService service) {
        this.service = service;
    }

    @Override
    public void execute(Job job, JobContext context) throws Exception {
        List<String> uploads = new ArrayList<>();
        for (Job.Parameter p : job.parameters()) {
            if (p.name().equalsIgnoreCase("UPLOAD")) {
                uploads.add(p.value());
            }
        }
        TapRequest request;
        try {
            request = TapRequest.of(job::parameter, uploads, service.limits());
        } catch (QueryException e) {
            throw new JobFailure(e.getMessage());
        }
        // The job's own limit stops it; the statement timeout is only a backstop.
        Duration timeout = Duration.ofSeconds(job.executionDuration() > 0 ? job.executionDuration() + 60
                : Integer.MAX_VALUE);
        QueryRunner runner = new QueryRunner(service.database(), timeout, service.descriptors());
        context.onCancel(runner::cancel);
        List<Path> copies = new ArrayList<>();
        Map<String, String> infos = new LinkedHashMap<>();
        infos.put("QUERY", request.query());
        try (OutputStream out = context.createResult("result", request.format().mimeType())) {
            TapExecution.run(service, request, part -> partFile(job, context, part, copies), runner, infos, out);
        } catch (QueryException | UploadException e) {
            throw new JobFailure(e.getMessage(), e);
        } catch (SQLException | IOException e) {
            if (context.cancelled()) {
                throw e;
            }
            throw new JobFailure("the query failed: " + e.getMessage(), e);
        } finally {
            for (Path p : copies) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** An inline upload stored with the job, as a local file STIL can read. */
    private static Path partFile(Job job, JobContext context, String part, List<Path> copies) throws IOException {
        for (Job.Parameter p : job.parameters()) {
            if (p.byReference() && p.name().equals(part)) {
                Path copy = Files.createTempFile("tap-job-upload", ".dat");
                copies.add(copy);
                try (InputStream in = context.openFile(p.value())) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                return copy;
            }
        }
        return null;
    }
}
