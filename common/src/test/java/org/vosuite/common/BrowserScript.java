package org.vosuite.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the Node.js scripts in {@code js-tests/} (at the top of the repository) that drive Debian's headless
 * Chromium through playwright-core, with Aladin Lite from npm at hand. Missing packages fail the test with what to
 * install; the script must exit 0, and its output lines are returned (the scripts print their report last).
 */
public final class BrowserScript {
    /** js-tests/, seen from any module's folder (where Maven runs its tests). */
    public static final Path JS_TESTS = Path.of("../js-tests").toAbsolutePath().normalize();
    /** Aladin Lite's npm build, which the scripts serve in place of the CDS copy. */
    public static final Path ALADIN_LITE = JS_TESTS.resolve("node_modules/aladin-lite/dist/aladin.js");

    private BrowserScript() {
    }

    public static List<String> run(String script, long timeoutSeconds, String... args) throws Exception {
        assertTrue(Files.exists(ALADIN_LITE) && Files.exists(JS_TESTS.resolve("node_modules/playwright-core")),
                "run `npm ci` in " + JS_TESTS + " (scripts/test does)");
        assertTrue(Files.exists(Path.of("/usr/bin/chromium")), "apt-get install chromium");
        List<String> command = new ArrayList<>(List.of("node", JS_TESTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(JS_TESTS.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        List<String> out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                .lines().toList();
        assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), "the browser finished");
        assertEquals(0, p.exitValue(), String.join("\n", out));
        return out;
    }
}
