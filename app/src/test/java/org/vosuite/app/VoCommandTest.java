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
        String db = "database:\n  url: jdbc:postgresql://127.0.0.1:1/x\n";
        for (String[] c : new String[][] {
            {"datalink:\n  maxIds: 10\n", "datalink needs the soda section"},
            {"soda: {registry: 'jdbc:sqlite:r.sqlite3', datastoreRoot: .}\ndatalink:\n  queries:\n    lc: {adql: "
                    + "'SELECT 1'}\n", "datalink.queries.lc: a named query needs {ID}"},
            {"soda: {registry: 'jdbc:sqlite:r.sqlite3', datastoreRoot: .}\ndatalink:\n  maxId: 3\n",
                "datalink.maxId is not a known setting"},
            {"tap: {descriptors: manifest.yaml}\n", "manifest.yaml"},
            {"server: {publicUrl: 'ftp://x'}\n", "server.publicUrl must be an http(s) URL"},
            {"portal: {catalog: demo_dr1.Object, id: objectId, ra: coord_ra}\n", "portal.dec must be a column name"},
            {"portal: {catalog: 'x; DROP', id: a, ra: b, dec: c}\n", "portal.catalog must be schema.table"},
            {"portal: {table: demo_dr1.Object}\n", "portal.table is not a known setting"},
        }) {
            java.nio.file.Files.writeString(cfg, db + c[0]);
            Run bad = vo("adql", "translate", "--config", cfg.toString(), "SELECT 1 FROM t");
            assertEquals(1, bad.exit(), bad.err());
            assertTrue(bad.err().contains(c[1]), c[1] + " in: " + bad.err());
            assertFalse(bad.err().contains("\tat "), bad.err());
        }
        // a manifest whose param names no column would attach to no result
        java.nio.file.Files.writeString(dir.resolve("manifest.yaml"), "descriptors:\n  - id: x\n    accessURL: "
                + "http://a/b\n    params:\n      - {name: ID, value: 3}\n");
        java.nio.file.Files.writeString(cfg, db + "tap: {descriptors: manifest.yaml}\n");
        Run manifest = vo("adql", "translate", "--config", cfg.toString(), "SELECT 1 FROM t");
        assertTrue(manifest.err().contains("descriptor x has no param with a column"), manifest.err());
    }
}
