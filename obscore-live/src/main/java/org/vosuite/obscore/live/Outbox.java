package org.vosuite.obscore.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.vosuite.obscore.registry.RegistryReader;

/**
 * The registry side of live ObsCore: an outbox table written by triggers on {@code dataset} (deletions) and on
 * every {@code dataset_tags_*} table (a dataset put in or taken out of a collection — ingest, associate,
 * disassociate, and the cascade of a removal), in the registry's own transactions, so no change is missed however
 * the registry is written to. On PostgreSQL the triggers also NOTIFY {@code obscore_outbox}, so the runner wakes
 * at once; on SQLite it polls. The triggers only record which dataset changed: the runner reads the registry's
 * current state for it, so the order in which outbox rows commit does not matter.
 */
public final class Outbox {
    public static final String CHANNEL = "obscore_outbox";

    private Outbox() {
    }

    /** One change: its sequence number and the dataset (32 hex digits). */
    public record Change(long seq, String datasetId) {
    }

    static boolean postgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    }

    /**
     * Creates the outbox and the triggers (idempotent); returns the tag tables that got triggers. Besides dataset
     * inserts and deletes, a visit definition (visit_definition) or a visit's detector region
     * (visit_detector_region) arriving after the exposures' datasets queues those datasets again: exposure rows take
     * their regions through visits, so they must be rebuilt when a visit shows up.
     */
    public static List<String> install(Connection c) throws SQLException {
        List<String> tables = tagTables(c);
        boolean pg = postgres(c);
        try (Statement s = c.createStatement()) {
            if (pg) {
                s.execute("CREATE TABLE IF NOT EXISTS obscore_outbox (seq bigserial PRIMARY KEY, dataset_id text NOT "
                        + "NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())");
                // one function for every table: the id column is dataset_id (tags) or id (dataset)
                s.execute("CREATE OR REPLACE FUNCTION obscore_outbox_record() RETURNS trigger LANGUAGE plpgsql AS $$ "
                        + "DECLARE r jsonb; BEGIN r := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END); "
                        + "INSERT INTO obscore_outbox (dataset_id) VALUES (replace(COALESCE(r->>'dataset_id', "
                        + "r->>'id'), '-', '')); PERFORM pg_notify('" + CHANNEL + "', ''); RETURN NULL; END $$");
                s.execute("DROP TRIGGER IF EXISTS obscore_outbox ON dataset");
                s.execute("CREATE TRIGGER obscore_outbox AFTER DELETE ON dataset FOR EACH ROW EXECUTE FUNCTION "
                        + "obscore_outbox_record()");
                for (String t : tables) {
                    s.execute("DROP TRIGGER IF EXISTS obscore_outbox ON " + q(t));
                    s.execute("CREATE TRIGGER obscore_outbox AFTER INSERT OR DELETE ON " + q(t) + " FOR EACH ROW "
                            + "EXECUTE FUNCTION obscore_outbox_record()");
                }
            } else {
                s.execute("CREATE TABLE IF NOT EXISTS obscore_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                        + "dataset_id TEXT NOT NULL, at INTEGER NOT NULL DEFAULT (CAST((julianday('now') - "
                        + "2440587.5) * 86400000 AS INTEGER)))");
                s.execute("CREATE TRIGGER IF NOT EXISTS obscore_outbox_dataset AFTER DELETE ON dataset BEGIN INSERT "
                        + "INTO obscore_outbox (dataset_id) VALUES (OLD.id); END");
                for (String t : tables) {
                    s.execute("CREATE TRIGGER IF NOT EXISTS " + q("obscore_outbox_ins_" + t) + " AFTER INSERT ON "
                            + q(t) + " BEGIN INSERT INTO obscore_outbox (dataset_id) VALUES (NEW.dataset_id); END");
                    s.execute("CREATE TRIGGER IF NOT EXISTS " + q("obscore_outbox_del_" + t) + " AFTER DELETE ON "
                            + q(t) + " BEGIN INSERT INTO obscore_outbox (dataset_id) VALUES (OLD.dataset_id); END");
                }
            }
        }
        installVisitTriggers(c, pg, exposureTagTables(c, tables));
        return tables;
    }

    /** The tag tables of exposure-level dataset types (those with an {@code exposure} column). */
    private static List<String> exposureTagTables(Connection c, List<String> tables) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String t : tables) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + q(t)
                    + " WHERE 1 = 0")) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    if (rs.getMetaData().getColumnName(i).equals("exposure")) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Triggers on visit_definition and visit_detector_region that queue the datasets of the exposures concerned
     * (every row of an exposure-level tag table with that instrument and exposure; the runner drops duplicates and
     * datasets ObsCore does not publish).
     */
    private static void installVisitTriggers(Connection c, boolean pg, List<String> exposureTables)
            throws SQLException {
        RegistryReader reader = new RegistryReader(c);
        if (!reader.hasTable("visit_definition")) {
            return;
        }
        boolean regions = reader.hasTable("visit_detector_region");
        try (Statement s = c.createStatement()) {
            if (pg) {
                StringBuilder definition = new StringBuilder();
                StringBuilder region = new StringBuilder();
                for (String t : exposureTables) {
                    definition.append("INSERT INTO obscore_outbox (dataset_id) SELECT replace(CAST(dataset_id AS "
                            + "text), '-', '') FROM ").append(q(t)).append(" WHERE instrument = NEW.instrument AND "
                            + "exposure = NEW.exposure; ");
                    region.append("INSERT INTO obscore_outbox (dataset_id) SELECT replace(CAST(t.dataset_id AS "
                            + "text), '-', '') FROM ").append(q(t)).append(" t JOIN visit_definition d ON "
                            + "d.instrument = t.instrument AND d.exposure = t.exposure WHERE d.instrument = "
                            + "NEW.instrument AND d.visit = NEW.visit; ");
                }
                s.execute("CREATE OR REPLACE FUNCTION obscore_outbox_visit_definition() RETURNS trigger LANGUAGE "
                        + "plpgsql AS $$ BEGIN " + definition + "PERFORM pg_notify('" + CHANNEL + "', ''); RETURN "
                        + "NULL; END $$");
                s.execute("DROP TRIGGER IF EXISTS obscore_outbox ON visit_definition");
                s.execute("CREATE TRIGGER obscore_outbox AFTER INSERT ON visit_definition FOR EACH ROW EXECUTE "
                        + "FUNCTION obscore_outbox_visit_definition()");
                if (regions) {
                    s.execute("CREATE OR REPLACE FUNCTION obscore_outbox_visit_region() RETURNS trigger LANGUAGE "
                            + "plpgsql AS $$ BEGIN " + region + "PERFORM pg_notify('" + CHANNEL + "', ''); RETURN "
                            + "NULL; END $$");
                    s.execute("DROP TRIGGER IF EXISTS obscore_outbox ON visit_detector_region");
                    s.execute("CREATE TRIGGER obscore_outbox AFTER INSERT ON visit_detector_region FOR EACH ROW "
                            + "EXECUTE FUNCTION obscore_outbox_visit_region()");
                }
            } else {
                // SQLite triggers cannot be replaced: dropped and made again with today's tag tables
                s.execute("DROP TRIGGER IF EXISTS obscore_outbox_visit_definition");
                s.execute("DROP TRIGGER IF EXISTS obscore_outbox_visit_region");
                if (exposureTables.isEmpty()) {
                    return;
                }
                StringBuilder definition = new StringBuilder();
                StringBuilder region = new StringBuilder();
                for (String t : exposureTables) {
                    definition.append("INSERT INTO obscore_outbox (dataset_id) SELECT dataset_id FROM ").append(q(t))
                            .append(" WHERE instrument = NEW.instrument AND exposure = NEW.exposure; ");
                    region.append("INSERT INTO obscore_outbox (dataset_id) SELECT t.dataset_id FROM ").append(q(t))
                            .append(" t JOIN visit_definition d ON d.instrument = t.instrument AND d.exposure = "
                                    + "t.exposure WHERE d.instrument = NEW.instrument AND d.visit = NEW.visit; ");
                }
                s.execute("CREATE TRIGGER obscore_outbox_visit_definition AFTER INSERT ON visit_definition BEGIN "
                        + definition + "END");
                if (regions) {
                    s.execute("CREATE TRIGGER obscore_outbox_visit_region AFTER INSERT ON visit_detector_region "
                            + "BEGIN " + region + "END");
                }
            }
        }
    }

    /** The dataset_tags tables the registry has now. */
    public static List<String> tagTables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT tag_association_table "
                + "FROM dataset_type ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Tag tables without the outbox trigger (dataset types registered after install). */
    public static List<String> untriggered(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        boolean pg = postgres(c);
        for (String t : tagTables(c)) {
            String sql = pg ? "SELECT 1 FROM pg_trigger WHERE tgname = 'obscore_outbox' AND tgrelid = to_regclass(?)"
                    : "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, pg ? q(t) : "obscore_outbox_ins_" + t);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    /** The oldest pending changes, at most {@code limit}. */
    public static List<Change> pending(Connection c, int limit) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT seq, dataset_id FROM obscore_outbox ORDER BY seq "
                + "LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Change(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** Removes applied changes. */
    public static void done(Connection c, List<Change> changes) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM obscore_outbox WHERE seq = ?")) {
            for (Change ch : changes) {
                st.setLong(1, ch.seq());
                st.addBatch();
            }
            st.executeBatch();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** Pending changes and the age in seconds of the oldest (0 when none). */
    public record Backlog(long pending, double oldestSeconds) {
    }

    public static Backlog backlog(Connection c) throws SQLException {
        boolean pg = postgres(c);
        if (!new org.vosuite.obscore.registry.RegistryReader(c).hasTable("obscore_outbox")) {
            throw new SQLException("the registry has no outbox yet: run `vo obscore install-triggers` (or `run`)");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(pg
                ? "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(at)), 0) FROM obscore_outbox"
                : "SELECT count(*), COALESCE((CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) - min(at)) "
                        + "/ 1000.0, 0) FROM obscore_outbox")) {
            rs.next();
            return new Backlog(rs.getLong(1), rs.getDouble(2));
        }
    }

    static String q(String identifier) {
        return org.vosuite.felis.ddl.Dialect.POSTGRESQL.quote(identifier); // SQLite quotes the same way
    }
}
