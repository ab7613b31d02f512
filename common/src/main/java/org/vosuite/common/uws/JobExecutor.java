package org.vosuite.common.uws;

/** What a service does to execute one of its jobs (a TAP query, a SODA cutout). Called on a job thread. */
@FunctionalInterface
public interface JobExecutor {
    /**
     * Executes the job, writing its results through {@code context}. Throw {@link JobFailure} for a failure the
     * user caused (its message is the job's error); anything else is reported as an internal failure.
     */
    void execute(Job job, JobContext context) throws Exception;
}
