package org.vosuite.soda.resolve;

/** The ID names no dataset whose file we serve (SODA/DataLink: {@code NotFoundFault}). */
public final class DatasetNotFoundException extends Exception {
    public DatasetNotFoundException(String message) {
        super(message);
    }
}
