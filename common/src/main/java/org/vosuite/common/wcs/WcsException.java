package org.vosuite.common.wcs;

/** A header whose world coordinate system cannot be used; the message names the keyword to fix. */
public final class WcsException extends Exception {
    public WcsException(String message) {
        super(message);
    }
}
