package org.vosuite.datalink;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the DataLink service is set up.
 *
 * @param maxIds        the most IDs one links request answers; more are dropped with the DALI overflow indicator
 * @param documentation the data release's documentation (#documentation): an absolute URL, or a path on this
 *                      server such as {@code /docs/}; null for none
 * @param butlerRepo    the repository label of the {@code butler://label/UUID} IDs given to related datasets
 * @param previewCache  where rendered previews are kept
 * @param sodaPrefix    where SODA is mounted on this server ({@code /soda}), or null when there is no SODA
 * @param sodaAsync     whether SODA has an async endpoint
 * @param tapPrefix     where TAP is mounted ({@code /tap}), for the named queries
 * @param queries       named TAP queries served as links ({@code /datalink/query/NAME?ID=…})
 */
public record DatalinkSettings(int maxIds, String documentation, String butlerRepo, Path previewCache,
        String sodaPrefix, boolean sodaAsync, String tapPrefix, Map<String, NamedQuery> queries) {
    public DatalinkSettings {
        queries = Map.copyOf(queries);
        if (maxIds < 1) {
            throw new IllegalArgumentException("maxIds must be at least 1");
        }
    }
}
