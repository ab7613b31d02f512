package org.vosuite.common.config;

/** A configuration file that cannot be used; the message names the file, the key and what to write instead. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
