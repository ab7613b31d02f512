package org.vosuite.common.healpix;

import java.nio.file.Path;
import java.util.List;
import org.vosuite.common.PythonOracle;

/** A Python script run against Debian's healpy, with {@code hp} and {@code np} imported (see PythonOracle). */
final class HealpyOracle {
    private HealpyOracle() {
    }

    static List<String> run(Path dir, String script, List<String> input) throws Exception {
        return PythonOracle.run(dir, "import healpy as hp\nimport numpy as np", "apt-get install python3-healpy",
                script, input);
    }
}
