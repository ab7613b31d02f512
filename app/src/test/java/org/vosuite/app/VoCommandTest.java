package org.vosuite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The launcher's command tree, run the way ./vo runs it. */
class VoCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run vo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = VoCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommand() {
        Run r = vo("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("felis") && r.out().contains("demo"), r.out());
        Run felis = vo("felis", "--help");
        for (String c : new String[] {"validate", "create", "init-tap-schema", "load-tap-schema", "diff", "dump",
                "docs"}) {
            assertTrue(felis.out().contains(c), c);
        }
    }

    @Test
    void userErrorsThroughTheLauncherAreMessagesNotStackTraces() {
        Run r = vo("felis", "create", "--engine-url", "postgresql://nobody:wrong@127.0.0.1:1/none",
                "../sdm_schemas/src/main/resources/sdm_schemas/demo_dr1.yaml");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("error: cannot connect to jdbc:postgresql://127.0.0.1:1/none"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void demoAndServeCheckTheirOptions() {
        Run r = vo("demo", "--size", "huge");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--size must be small or medium"), r.err());
        Run serve = vo("serve");
        assertEquals(2, serve.exit(), "--config is required");
        assertTrue(serve.err().contains("--config"), serve.err());
    }

    @Test
    void configErrorsSayWhatToFix(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path cfg = dir.resolve("tap.yaml");
        java.nio.file.Files.writeString(cfg, "server:\n  prot: 8080\ndatabase:\n  url: jdbc:postgresql://127.0.0.1:1/x\n");
        Run r = vo("adql", "translate", "--config", cfg.toString(), "SELECT 1 FROM t");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("server.prot is not a known setting"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        Run parse = vo("adql", "parse", "SELECT TOP 1 * FROM t");
        assertEquals(0, parse.exit());
    }
}
