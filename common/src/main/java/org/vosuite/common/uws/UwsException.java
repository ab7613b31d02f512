package org.vosuite.common.uws;

/** A request the UWS service refuses, with the HTTP status and the message for the user. */
public final class UwsException extends Exception {
    private final int status;

    public UwsException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static UwsException noJob(String id) {
        return new UwsException(404, "no job with id '" + id + "' (it may have been deleted or reached its "
                + "destruction time)");
    }
}
