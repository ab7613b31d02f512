package org.vosuite.soda;

/** A request the user must change: answered as a DALI {@code UsageError}. */
public final class SodaUsageException extends Exception {
    public SodaUsageException(String message) {
        super(message);
    }
}
