package org.vosuite.common.healpix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python script against Debian's healpy ({@code /usr/bin/python3}: the python3 first on PATH lacks it).
 * The script reads its input lines from {@code sys.argv[1]} and writes result lines to {@code sys.argv[2]};
 * {@code hp} and {@code np} are imported for it. A missing healpy fails the test with the package to install:
 * an oracle test that skips would let wrong pixel numbers through unnoticed.
 */
final class HealpyOracle {
    static final String PYTHON = "/usr/bin/python3";
    private static final String INSTALL = "apt-get install python3-healpy";
    private static final String PRELUDE = """
            import sys
            try:
                import healpy as hp
                import numpy as np
            except ImportError:
                sys.exit(3)
            """;

    private HealpyOracle() {
    }

    static List<String> run(Path dir, String script, List<String> input) throws Exception {
        Path in = Files.createTempFile(dir, "healpy-in", ".txt");
        Path out = Files.createTempFile(dir, "healpy-out", ".txt");
        Files.write(in, input, StandardCharsets.US_ASCII);
        Process p;
        try {
            p = new ProcessBuilder(PYTHON, "-c", PRELUDE + script, in.toString(), out.toString())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            return fail(PYTHON + " with healpy is needed for this test: " + INSTALL + " (" + e.getMessage() + ")");
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return fail("healpy oracle timed out");
        }
        if (p.exitValue() == 3) {
            return fail(PYTHON + " cannot import healpy: " + INSTALL);
        }
        assertEquals(0, p.exitValue(), "healpy oracle failed");
        return Files.readAllLines(out, StandardCharsets.US_ASCII);
    }
}
