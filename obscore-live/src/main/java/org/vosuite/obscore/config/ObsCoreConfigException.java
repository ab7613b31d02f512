package org.vosuite.obscore.config;

/** A dax_obscore configuration this tool cannot use; the message names the file and the key. */
public final class ObsCoreConfigException extends Exception {
    public ObsCoreConfigException(String message) {
        super(message);
    }
}
