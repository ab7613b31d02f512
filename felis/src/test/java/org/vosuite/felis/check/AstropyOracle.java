package org.vosuite.felis.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python script against Debian's astropy ({@code /usr/bin/python3}: the python3 first on PATH lacks it)
 * over a corpus of strings, hex-encoded one per line so any character survives. The script exits 3 when astropy
 * cannot be imported, which fails the test with the package to install.
 */
final class AstropyOracle {
    static final String PYTHON = "/usr/bin/python3";

    private AstropyOracle() {
    }

    /** The script's output lines: {@code perString} verdicts for each corpus string, in order. */
    static List<String> verdicts(Path dir, String script, List<String> corpus, int perString) throws Exception {
        Path input = dir.resolve("corpus.hex");
        HexFormat hex = HexFormat.of();
        List<String> lines = new ArrayList<>();
        for (String s : corpus) {
            lines.add("x" + hex.formatHex(s.getBytes(StandardCharsets.UTF_8)));
        }
        Files.write(input, lines, StandardCharsets.US_ASCII);
        Path output = dir.resolve("verdicts.txt");
        Process p;
        try {
            p = new ProcessBuilder(PYTHON, "-c", script, input.toString())
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            return fail(PYTHON + " with astropy is needed for this test: apt-get install python3-astropy ("
                    + e.getMessage() + ")");
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return fail("astropy oracle timed out");
        }
        if (p.exitValue() == 3) {
            return fail(PYTHON + " cannot import astropy: apt-get install python3-astropy");
        }
        assertEquals(0, p.exitValue(), "astropy oracle failed");
        List<String> verdicts = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertEquals(perString * corpus.size(), verdicts.size(), "astropy oracle output length");
        return verdicts;
    }
}
