package org.vosuite.app.demo;

/** A step of the demo release could not be made (its images, registry, HiPS …); the message says which and why. */
public final class DemoBuildException extends Exception {
    public DemoBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
