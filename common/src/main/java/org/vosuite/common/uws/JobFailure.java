package org.vosuite.common.uws;

/** A job failed for a reason the user can act on; the message becomes the job's error summary. */
public final class JobFailure extends Exception {
    public JobFailure(String message) {
        super(message);
    }

    public JobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
