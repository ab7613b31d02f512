package org.vosuite.tap.upload;

/** An upload the service refuses: malformed, too large, hostile, or of columns it cannot store. */
public final class UploadException extends Exception {
    public UploadException(String message) {
        super(message);
    }

    public UploadException(String message, Throwable cause) {
        super(message, cause);
    }
}
