package org.vosuite.common.uws;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Jobs, their parameters and their results in PostgreSQL (schema {@code vosuite_uws}), so a restart loses nothing.
 * Phase changes are conditional updates ({@code ... WHERE phase IN (...)}), so two threads racing — a job finishing
 * while a client aborts it — cannot both win.
 */
public final class JobStore {
    private static final String SCHEMA = """
            CREATE SCHEMA IF NOT EXISTS vosuite_uws;
            CREATE TABLE IF NOT EXISTS vosuite_uws.job (
                id text PRIMARY KEY,
                service text NOT NULL,
                owner text,
                run_id text,
                phase text NOT NULL,
                creation_time timestamptz NOT NULL,
                start_time timestamptz,
                end_time timestamptz,
                execution_duration bigint NOT NULL,
                destruction timestamptz NOT NULL,
                quote timestamptz,
                error_message text);
            CREATE INDEX IF NOT EXISTS job_service_created ON vosuite_uws.job (service, creation_time);
            CREATE TABLE IF NOT EXISTS vosuite_uws.parameter (
                job_id text NOT NULL REFERENCES vosuite_uws.job ON DELETE CASCADE,
                ordinal int NOT NULL,
                name text NOT NULL,
                value text NOT NULL,
                by_reference boolean NOT NULL DEFAULT false,
                PRIMARY KEY (job_id, ordinal));
            CREATE TABLE IF NOT EXISTS vosuite_uws.result (
                job_id text NOT NULL REFERENCES vosuite_uws.job ON DELETE CASCADE,
                result_id text NOT NULL,
                mime_type text NOT NULL,
                size bigint NOT NULL,
                PRIMARY KEY (job_id, result_id));
            """;

    private final DataSource db;

    public JobStore(DataSource db) {
        this.db = db;
    }

    /** Creates the tables when missing (idempotent; concurrent starts serialize on an advisory lock). */
    public void init() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SELECT pg_advisory_xact_lock(7243001)");
            s.execute(SCHEMA);
            c.commit();
        }
    }

    public void insert(Job job) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO vosuite_uws.job (id, service, owner, run_id, "
                    + "phase, creation_time, execution_duration, destruction) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, job.id());
                st.setString(2, job.service());
                st.setString(3, job.owner());
                st.setString(4, job.runId());
                st.setString(5, job.phase().name());
                st.setTimestamp(6, ts(job.creationTime()));
                st.setLong(7, job.executionDuration());
                st.setTimestamp(8, ts(job.destruction()));
                st.executeUpdate();
            }
            writeParameters(c, job.id(), job.parameters());
            c.commit();
        }
    }

    public void replaceParameters(String id, List<Job.Parameter> parameters) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("DELETE FROM vosuite_uws.parameter WHERE job_id = ?")) {
                st.setString(1, id);
                st.executeUpdate();
            }
            writeParameters(c, id, parameters);
            c.commit();
        }
    }

    private static void writeParameters(Connection c, String id, List<Job.Parameter> parameters)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO vosuite_uws.parameter (job_id, ordinal, name, "
                + "value, by_reference) VALUES (?, ?, ?, ?, ?)")) {
            int i = 0;
            for (Job.Parameter p : parameters) {
                st.setString(1, id);
                st.setInt(2, i++);
                st.setString(3, p.name());
                st.setString(4, p.value());
                st.setBoolean(5, p.byReference());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    public Optional<Job> get(String id) throws SQLException {
        List<Job> jobs = query("WHERE j.id = ?", List.of(id), "");
        return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
    }

    /**
     * Jobs of a service, newest first when {@code last} is given (UWS LAST), else oldest first.
     *
     * @param owner  only this owner's jobs; null for all
     * @param phases only these phases; empty for all but ARCHIVED (UWS 1.1 default)
     * @param after  only jobs created after this instant; null for no bound
     * @param last   at most this many of the most recent; -1 for no bound
     */
    public List<Job> list(String service, String owner, Collection<ExecutionPhase> phases, Instant after, int last)
            throws SQLException {
        StringBuilder where = new StringBuilder("WHERE j.service = ?");
        List<Object> args = new ArrayList<>(List.of(service));
        if (owner != null) {
            where.append(" AND j.owner = ?");
            args.add(owner);
        }
        if (phases.isEmpty()) {
            where.append(" AND j.phase <> 'ARCHIVED'");
        } else {
            where.append(" AND j.phase = ANY (?)");
            args.add(phases.stream().map(Enum::name).toArray(String[]::new));
        }
        if (after != null) {
            where.append(" AND j.creation_time > ?");
            args.add(ts(after));
        }
        String order = last >= 0 ? "ORDER BY j.creation_time DESC, j.id LIMIT " + last
                : "ORDER BY j.creation_time, j.id";
        return query(where.toString(), args, order);
    }

    /** Ids of a service's jobs in these phases, oldest first. */
    public List<String> ids(String service, ExecutionPhase phase) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT id FROM "
                + "vosuite_uws.job WHERE service = ? AND phase = ? ORDER BY creation_time, id")) {
            st.setString(1, service);
            st.setString(2, phase.name());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Ids of a service's jobs whose destruction time has passed. */
    public List<String> expired(String service, Instant now) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT id FROM "
                + "vosuite_uws.job WHERE service = ? AND destruction <= ?")) {
            st.setString(1, service);
            st.setTimestamp(2, ts(now));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Moves a job to {@code to} if it is in one of {@code from}; sets the start time on EXECUTING, the end time
     * on a final phase, and the error message on ERROR. Returns whether the job moved.
     */
    public boolean transition(String id, Collection<ExecutionPhase> from, ExecutionPhase to, Instant at,
            String error) throws SQLException {
        String times = to == ExecutionPhase.EXECUTING ? ", start_time = ?"
                : to.isActive() ? "" : ", end_time = ?";
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("UPDATE vosuite_uws.job "
                + "SET phase = ?, error_message = COALESCE(?, error_message)" + times
                + " WHERE id = ? AND phase = ANY (?)")) {
            int i = 1;
            st.setString(i++, to.name());
            st.setString(i++, error);
            if (!times.isEmpty()) {
                st.setTimestamp(i++, ts(at));
            }
            st.setString(i++, id);
            st.setArray(i, c.createArrayOf("text", from.stream().map(Enum::name).toArray()));
            return st.executeUpdate() == 1;
        }
    }

    /** EXECUTING to COMPLETED with the results, in one transaction; false when the job left EXECUTING. */
    public boolean complete(String id, List<Job.Result> results, Instant at) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("UPDATE vosuite_uws.job SET phase = 'COMPLETED', "
                    + "end_time = ? WHERE id = ? AND phase = 'EXECUTING'")) {
                st.setTimestamp(1, ts(at));
                st.setString(2, id);
                if (st.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO vosuite_uws.result (job_id, result_id, "
                    + "mime_type, size) VALUES (?, ?, ?, ?)")) {
                for (Job.Result r : results) {
                    st.setString(1, id);
                    st.setString(2, r.id());
                    st.setString(3, r.mimeType());
                    st.setLong(4, r.size());
                    st.addBatch();
                }
                st.executeBatch();
            }
            c.commit();
            return true;
        }
    }

    /** Sets the execution duration (seconds) or the destruction time of a job. */
    public void update(String id, Long executionDuration, Instant destruction) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("UPDATE vosuite_uws.job "
                + "SET execution_duration = COALESCE(?, execution_duration), destruction = COALESCE(?, destruction) "
                + "WHERE id = ?")) {
            if (executionDuration == null) {
                st.setNull(1, java.sql.Types.BIGINT);
            } else {
                st.setLong(1, executionDuration);
            }
            st.setTimestamp(2, destruction == null ? null : ts(destruction));
            st.setString(3, id);
            st.executeUpdate();
        }
    }

    public boolean delete(String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("DELETE FROM "
                + "vosuite_uws.job WHERE id = ?")) {
            st.setString(1, id);
            return st.executeUpdate() == 1;
        }
    }

    private List<Job> query(String where, List<Object> args, String order) throws SQLException {
        Map<String, JobRow> rows = new LinkedHashMap<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("SELECT j.id, j.service, j.owner, j.run_id, j.phase, "
                    + "j.creation_time, j.start_time, j.end_time, j.execution_duration, j.destruction, j.quote, "
                    + "j.error_message FROM vosuite_uws.job j " + where + " " + order)) {
                bind(c, st, args);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), new JobRow(rs));
                    }
                }
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            String[] ids = rows.keySet().toArray(String[]::new);
            try (PreparedStatement st = c.prepareStatement("SELECT job_id, name, value, by_reference FROM "
                    + "vosuite_uws.parameter WHERE job_id = ANY (?) ORDER BY job_id, ordinal")) {
                st.setArray(1, c.createArrayOf("text", ids));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.get(rs.getString(1)).parameters.add(new Job.Parameter(rs.getString(2),
                                rs.getString(3), rs.getBoolean(4)));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("SELECT job_id, result_id, mime_type, size FROM "
                    + "vosuite_uws.result WHERE job_id = ANY (?) ORDER BY job_id, result_id")) {
                st.setArray(1, c.createArrayOf("text", ids));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.get(rs.getString(1)).results.add(new Job.Result(rs.getString(2), rs.getString(3),
                                rs.getLong(4)));
                    }
                }
            }
        }
        return rows.values().stream().map(JobRow::job).toList();
    }

    private static void bind(Connection c, PreparedStatement st, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] arr) {
                st.setArray(i + 1, c.createArrayOf("text", arr));
            } else {
                st.setObject(i + 1, a);
            }
        }
    }

    private static final class JobRow {
        final String id;
        final String service;
        final String owner;
        final String runId;
        final ExecutionPhase phase;
        final Instant creation;
        final Instant start;
        final Instant end;
        final long duration;
        final Instant destruction;
        final Instant quote;
        final String error;
        final List<Job.Parameter> parameters = new ArrayList<>();
        final List<Job.Result> results = new ArrayList<>();

        JobRow(ResultSet rs) throws SQLException {
            id = rs.getString(1);
            service = rs.getString(2);
            owner = rs.getString(3);
            runId = rs.getString(4);
            ExecutionPhase p = ExecutionPhase.parse(rs.getString(5));
            phase = p == null ? ExecutionPhase.UNKNOWN : p;
            creation = instant(rs.getTimestamp(6));
            start = instant(rs.getTimestamp(7));
            end = instant(rs.getTimestamp(8));
            duration = rs.getLong(9);
            destruction = instant(rs.getTimestamp(10));
            quote = instant(rs.getTimestamp(11));
            error = rs.getString(12);
        }

        Job job() {
            return new Job(id, service, owner, runId, phase, creation, start, end, duration, destruction, quote,
                    parameters, results, error);
        }
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
