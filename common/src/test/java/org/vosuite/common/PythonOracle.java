package org.vosuite.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python script against Debian's scientific packages ({@code /usr/bin/python3}: the python3 first on PATH
 * lacks them). The script reads its input lines from {@code sys.argv[1]} and writes result lines to
 * {@code sys.argv[2]}. A missing package fails the test with the package to install: an oracle test that skips
 * would let wrong answers through unnoticed.
 */
public final class PythonOracle {
    public static final String PYTHON = "/usr/bin/python3";

    private PythonOracle() {
    }

    /**
     * @param imports Python import lines the script needs (exit status 3 when they fail)
     * @param install what to install when they fail, e.g. "apt-get install python3-astropy"
     */
    public static List<String> run(Path dir, String imports, String install, String script, List<String> input)
            throws Exception {
        String prelude = "import sys\ntry:\n" + imports.lines().map(l -> "    " + l + "\n").reduce("", String::concat)
                + "except ImportError:\n    sys.exit(3)\n";
        Path in = Files.createTempFile(dir, "oracle-in", ".txt");
        Path out = Files.createTempFile(dir, "oracle-out", ".txt");
        Files.write(in, input, StandardCharsets.UTF_8);
        Process p;
        try {
            p = new ProcessBuilder(PYTHON, "-c", prelude + script, in.toString(), out.toString())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            return fail(PYTHON + " is needed for this test: " + install + " (" + e.getMessage() + ")");
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return fail("the Python oracle timed out");
        }
        if (p.exitValue() == 3) {
            return fail(PYTHON + " cannot import what this test needs: " + install);
        }
        assertEquals(0, p.exitValue(), "the Python oracle failed");
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }
}
