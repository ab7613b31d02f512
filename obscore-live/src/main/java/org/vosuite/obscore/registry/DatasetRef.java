package org.vosuite.obscore.registry;

import java.util.Map;

/**
 * A dataset as the registry knows it: UUID (32 hex digits), dataset type, RUN collection, its data ID (required
 * dimensions only) and the size of its file where the datastore recorded one (null otherwise).
 */
public record DatasetRef(String id, String datasetType, String run, Map<String, Object> dataId, Long fileSize) {
    public DatasetRef {
        dataId = Map.copyOf(dataId);
    }

    /** The UUID as Python prints it (with dashes), which is what {@code {id}} gives in dax_obscore templates. */
    public String uuid() {
        return id.substring(0, 8) + "-" + id.substring(8, 12) + "-" + id.substring(12, 16) + "-"
                + id.substring(16, 20) + "-" + id.substring(20);
    }
}
