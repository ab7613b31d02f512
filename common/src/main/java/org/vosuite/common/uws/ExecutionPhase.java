package org.vosuite.common.uws;

/** UWS 1.1 execution phases. */
public enum ExecutionPhase {
    PENDING, QUEUED, EXECUTING, COMPLETED, ERROR, ABORTED, UNKNOWN, HELD, SUSPENDED, ARCHIVED;

    /** Whether the job can still change phase by itself (a WAIT blocks only on these). */
    public boolean isActive() {
        return this == PENDING || this == QUEUED || this == EXECUTING || this == HELD || this == SUSPENDED;
    }

    /** The phase a UWS PHASE parameter names, case-insensitively; null when it names none. */
    public static ExecutionPhase parse(String s) {
        for (ExecutionPhase p : values()) {
            if (p.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return p;
            }
        }
        return null;
    }
}
