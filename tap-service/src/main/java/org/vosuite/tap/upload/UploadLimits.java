package org.vosuite.tap.upload;

import java.util.List;

/**
 * What uploads may be: rows and bytes per table (declared in the capabilities), and whether tables may be given by
 * URL — off by default; when on, only from the listed hosts, so no one can make the service fetch internal
 * addresses on their say.
 */
public record UploadLimits(long maxRows, long maxBytes, boolean urls, List<String> allowedHosts) {
    public static final UploadLimits DEFAULT = new UploadLimits(100_000, 64L * 1024 * 1024, false, List.of());

    public UploadLimits {
        allowedHosts = List.copyOf(allowedHosts);
    }
}
