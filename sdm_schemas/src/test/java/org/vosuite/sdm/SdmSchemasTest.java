package org.vosuite.sdm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vosuite.felis.Cli;
import org.vosuite.felis.Felis;
import org.vosuite.felis.TestPostgres;
import org.vosuite.felis.model.Column;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.model.Table;
import org.vosuite.felis.tap.TapRows;

/**
 * The build's gate on the project's own data models: every file passes {@code felis validate} with all four
 * strict checks, creates in PostgreSQL, and loads TAP_SCHEMA rows that match the derivation.
 */
class SdmSchemasTest {
    static final Path DIR = Path.of("src/main/resources/sdm_schemas");

    static Stream<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void allFilesPassEveryStrictCheck() throws IOException {
        List<String> args = new ArrayList<>(List.of("validate", "--check-description", "--check-redundant-datatypes",
                "--check-tap-table-indexes", "--check-tap-principal"));
        files().forEach(p -> args.add(p.toString()));
        assertTrue(args.size() >= 8, "demo_dr1, ivoa_obscore and tap_schema at least");
        Cli.Run r = Cli.felis(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(!r.out().contains(": warning:"), r.toString());
    }

    @ParameterizedTest
    @MethodSource("files")
    void createsInPostgresAndLoadsTapSchema(Path file) throws SQLException {
        String url = TestPostgres.newDatabase();
        Cli.Run create = Cli.felis("create", "--engine-url", url, "--initialize", file.toString());
        assertEquals(0, create.exit(), create.toString());
        Cli.Run init = Cli.felis("init-tap-schema", "--engine-url", url, "--tap-schema-name", "tap_meta");
        assertEquals(0, init.exit(), init.toString());
        Cli.Run load = Cli.felis("load-tap-schema", "--engine-url", url, "--tap-schema-name", "tap_meta",
                "--tap-schema-index", "1", "--unique-keys", file.toString());
        assertEquals(0, load.exit(), load.toString());

        Schema schema = Felis.load(file);
        // --unique-keys: tap_schema.yaml's key names are also those of the TAP_SCHEMA that describes itself
        TapRows expected = TapRows.derive(schema, 1, true);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (Table t : schema.tables()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE "
                        + "table_schema = '" + schema.name() + "' AND table_name = '" + t.name() + "'")) {
                    rs.next();
                    assertEquals(t.columns().size(), rs.getInt(1), "columns of " + t.name());
                }
            }
            List<String> got = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name, column_name, datatype, arraysize, \"size\", xtype, "
                    + "unit, ucd, utype, indexed, principal, std, column_index FROM tap_meta.\"columns\" WHERE "
                    + "table_name LIKE '" + schema.name() + ".%' ORDER BY table_name, column_name")) {
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= 13; i++) {
                        sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                    }
                    got.add(sb.toString());
                }
            }
            List<String> want = expected.columns().stream()
                    .map(r -> String.join("|", r.tableName(), r.columnName(), r.datatype(), s(r.arraysize()),
                            s(r.size()), s(r.xtype()), s(r.unit()), s(r.ucd()), s(r.utype()), s(r.indexed()),
                            s(r.principal()), s(r.std()), s(r.columnIndex())))
                    .sorted().toList();
            got.sort(null); // Java's order, not the database collation's
            assertEquals(want, got);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM tap_meta.\"keys\" WHERE from_table LIKE '"
                    + schema.name() + ".%'")) {
                rs.next();
                assertEquals(expected.keys().size(), rs.getInt(1));
            }
        }
    }

    @Test
    void obsCoreHasEveryMandatoryColumn() {
        Table obscore = Felis.load(DIR.resolve("ivoa_obscore.yaml")).table("ObsCore").orElseThrow();
        for (String name : List.of("dataproduct_type", "calib_level", "obs_collection", "obs_id",
                "obs_publisher_did", "access_url", "access_format", "access_estsize", "target_name", "s_ra", "s_dec",
                "s_fov", "s_region", "s_resolution", "s_xel1", "s_xel2", "t_min", "t_max", "t_exptime",
                "t_resolution", "t_xel", "em_min", "em_max", "em_res_power", "em_xel", "o_ucd", "pol_states",
                "pol_xel", "facility_name", "instrument_name")) {
            Column c = obscore.columnByName(name).orElseThrow(() -> new AssertionError("missing " + name));
            assertEquals(1, c.tapPrincipal(), name);
            assertEquals(1, c.tapStd(), name);
            assertTrue(c.votableUtype() != null && c.votableUtype().startsWith("obscore:"), name);
        }
        assertEquals("adql:REGION", obscore.columnByName("s_region").orElseThrow().votableXtype());
    }

    @Test
    void demoReleaseHasTheTablesLaterServicesUse() {
        Schema demo = Felis.load(DIR.resolve("demo_dr1.yaml"));
        for (String t : List.of("Object", "Source", "ForcedSource", "Visit", "CcdVisit")) {
            assertTrue(demo.table(t).isPresent(), t);
        }
        assertEquals(2, demo.table("ForcedSource").orElseThrow().primaryKey().size(), "composite key");
    }

    private static String s(Object o) {
        return o == null ? "null" : o.toString();
    }
}
