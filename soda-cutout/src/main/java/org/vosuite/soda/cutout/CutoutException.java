package org.vosuite.soda.cutout;

/** The dataset cannot be cut: a file that is not FITS, a damaged header, or a cutout beyond the size limit. */
public final class CutoutException extends Exception {
    private final boolean userCaused;

    public CutoutException(String message, boolean userCaused) {
        super(message);
        this.userCaused = userCaused;
    }

    /** True when a different request would succeed (e.g. a smaller region); false for a problem with the data. */
    public boolean userCaused() {
        return userCaused;
    }
}
