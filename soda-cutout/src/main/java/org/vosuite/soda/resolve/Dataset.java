package org.vosuite.soda.resolve;

import java.nio.file.Path;

/**
 * A dataset an ID resolved to: its Butler dataset id, its file (inside a data root, existing) and what ObsCore
 * says of its extent on the axes an image file may not have (NaN / null when unknown).
 */
public record Dataset(String id, String datasetId, Path file, double emMin, double emMax, double tMin, double tMax,
        String polStates) {
}
