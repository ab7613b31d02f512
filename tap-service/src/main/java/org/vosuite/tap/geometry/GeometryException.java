package org.vosuite.tap.geometry;

/** A geometry the chosen database strategy cannot run; becomes a 400 DALI error with this message. */
public final class GeometryException extends RuntimeException {
    public GeometryException(String message) {
        super(message);
    }
}
