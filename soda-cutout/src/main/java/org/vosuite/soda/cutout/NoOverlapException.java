package org.vosuite.soda.cutout;

/** The filters select no pixel of the dataset (SODA: 204 on sync, an error result on async). */
public final class NoOverlapException extends Exception {
    public NoOverlapException(String message) {
        super(message);
    }
}
