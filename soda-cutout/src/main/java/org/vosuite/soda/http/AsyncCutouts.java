package org.vosuite.soda.http;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.vosuite.common.uws.Job;
import org.vosuite.common.uws.JobContext;
import org.vosuite.common.uws.JobExecutor;
import org.vosuite.common.uws.JobFailure;
import org.vosuite.soda.SodaRequest;
import org.vosuite.soda.SodaService;
import org.vosuite.soda.SodaUsageException;
import org.vosuite.soda.cutout.CutoutException;
import org.vosuite.soda.cutout.FitsCutout;
import org.vosuite.soda.cutout.NoOverlapException;
import org.vosuite.soda.resolve.Dataset;
import org.vosuite.soda.resolve.DatasetNotFoundException;

/**
 * Executes async SODA jobs: one result per combination of parameter values (SODA 1.0 §3.1), named cutout-1,
 * cutout-2, ... in ID-major order. A combination that fails still gets its result: a text/plain DALI error
 * document. Parameters that cannot be read fail the whole job.
 */
public final class AsyncCutouts implements JobExecutor {
    private final SodaService service;

    public AsyncCutouts(SodaService service) {
        this.service = service;
    }

    @Override
    public void execute(Job job, JobContext context) throws Exception {
        List<Map.Entry<String, String>> params = job.parameters().stream()
                .<Map.Entry<String, String>>map(p -> new AbstractMap.SimpleEntry<>(p.name(), p.value())).toList();
        SodaRequest request;
        try {
            request = SodaRequest.parse(params);
        } catch (SodaUsageException e) {
            throw new JobFailure("UsageError: " + e.getMessage());
        }
        List<SodaRequest.Combination> combinations = request.combinations();
        Map<String, Object> lookups = new java.util.HashMap<>();
        for (int i = 0; i < combinations.size(); i++) {
            if (context.cancelled()) {
                return;
            }
            SodaRequest.Combination c = combinations.get(i);
            String id = "cutout-" + (i + 1);
            String error;
            try {
                FitsCutout.Result r = service.cutout(located(lookups, c.id()), c.spec());
                try (OutputStream out = context.createResult(id, "application/fits")) {
                    r.writeTo(out);
                }
                continue;
            } catch (DatasetNotFoundException e) {
                error = "NotFoundFault: " + e.getMessage();
            } catch (NoOverlapException e) {
                error = "UsageError: " + e.getMessage();
            } catch (CutoutException e) {
                error = (e.userCaused() ? "UsageError: " : "Error: ") + e.getMessage();
            }
            try (OutputStream out = context.createResult(id, "text/plain")) {
                out.write((error + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Each ID is looked up once per job, however many filters it is cut with: a Dataset or the lookup's failure. */
    private Dataset located(Map<String, Object> lookups, String id) throws DatasetNotFoundException,
            java.sql.SQLException {
        Object v = lookups.get(id);
        if (v == null) {
            try {
                v = service.locate(id);
            } catch (DatasetNotFoundException e) {
                v = e;
            }
            lookups.put(id, v);
        }
        if (v instanceof DatasetNotFoundException e) {
            throw new DatasetNotFoundException(e.getMessage());
        }
        return (Dataset) v;
    }
}
