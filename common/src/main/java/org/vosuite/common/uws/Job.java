package org.vosuite.common.uws;

import java.time.Instant;
import java.util.List;

/**
 * One UWS job as stored: immutable; every change is a new row state read back from the {@link JobStore}.
 *
 * @param executionDuration seconds the job may execute (0: no limit)
 * @param parameters        in the order given; names as the client wrote them (compare case-insensitively)
 * @param error             the message of a job in ERROR, else null
 */
public record Job(String id, String service, String owner, String runId, ExecutionPhase phase, Instant creationTime,
        Instant startTime, Instant endTime, long executionDuration, Instant destruction, Instant quote,
        List<Parameter> parameters, List<Result> results, String error) {
    public Job {
        parameters = List.copyOf(parameters);
        results = List.copyOf(results);
    }

    /** A job parameter. {@code byReference}: the value names a file stored with the job (an inline upload). */
    public record Parameter(String name, String value, boolean byReference) {
    }

    /** A result file of the job; served at {@code {job}/results/{id}}. */
    public record Result(String id, String mimeType, long size) {
    }

    /** The value of a parameter, names compared case-insensitively (DALI); null when absent. */
    public String parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }
}
