package org.vosuite.felis.ddl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Runs statements against a real database, all or nothing where the database can roll back DDL. */
public final class Database {
    private Database() {
    }

    public static Connection connect(EngineUrl url) throws DatabaseException {
        if (url.isMock()) {
            throw new DatabaseException("'" + url.dialect().cliName() + "://' names no database; give a JDBC URL "
                    + "or use --dry-run to print the SQL");
        }
        try {
            return DriverManager.getConnection(url.jdbcUrl(), url.properties());
        } catch (SQLException e) {
            throw new DatabaseException("cannot connect to " + redact(url.jdbcUrl()) + ": " + e.getMessage());
        }
    }

    /** Executes the statements in one transaction; on failure, names the statement and rolls back. */
    public static void execute(EngineUrl url, List<String> statements) throws DatabaseException {
        try (Connection c = connect(url)) {
            execute(c, url.dialect(), statements);
        } catch (SQLException e) {
            throw new DatabaseException(e.getMessage());
        }
    }

    public static void execute(Connection c, Dialect dialect, List<String> statements) throws DatabaseException {
        String current = null;
        boolean callerAutoCommit = true;
        try {
            callerAutoCommit = c.getAutoCommit();
            boolean tx = dialect.transactionalDdl() || dialect == Dialect.SQLITE;
            c.setAutoCommit(!tx);
            try (Statement st = c.createStatement()) {
                for (String sql : statements) {
                    current = sql;
                    st.execute(sql);
                }
            }
            if (tx) {
                c.commit();
            }
            c.setAutoCommit(callerAutoCommit);
        } catch (SQLException e) {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                c.setAutoCommit(callerAutoCommit);
            } catch (SQLException ignored) {
                // the original error is the one worth reporting
            }
            throw new DatabaseException("the database refused a statement (nothing was changed"
                    + (dialect.transactionalDdl() || dialect == Dialect.SQLITE ? "" : " before it") + "): "
                    + e.getMessage().strip() + "\n  statement: " + firstLine(current));
        }
    }

    private static String firstLine(String sql) {
        if (sql == null) {
            return "";
        }
        int nl = sql.indexOf('\n');
        return nl < 0 ? sql : sql.substring(0, nl) + " …";
    }

    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** A database error with the message a user should see. */
    public static final class DatabaseException extends Exception {
        public DatabaseException(String message) {
            super(message);
        }
    }
}
