package org.vosuite.obscore.registry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Connections to Butler registries, which live in SQLite files or PostgreSQL schemas. */
public final class Registries {
    private Registries() {
    }

    /** Checks the URL names a kind of registry we read, then connects. */
    public static Connection connect(String url) throws SQLException {
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new SQLException("a registry must be a JDBC URL of SQLite (jdbc:sqlite:/path/gen3.sqlite3) or "
                    + "PostgreSQL (jdbc:postgresql://host/db?currentSchema=namespace), not '" + url + "'");
        }
        return DriverManager.getConnection(url);
    }
}
