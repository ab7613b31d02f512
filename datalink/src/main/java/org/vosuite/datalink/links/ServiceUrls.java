package org.vosuite.datalink.links;

/**
 * Where a request's links point: every URL absolute, on the host the client addressed (DataLink rows and service
 * descriptors must carry full URLs).
 *
 * @param sodaSync      null without SODA
 * @param sodaAsync     null without async SODA
 * @param documentation null without documentation
 */
public record ServiceUrls(String links, String files, String preview, String sodaSync, String sodaAsync,
        String documentation) {
}
