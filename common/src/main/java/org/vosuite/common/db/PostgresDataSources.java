package org.vosuite.common.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Data sources for the services' PostgreSQL connections, configured once. */
public final class PostgresDataSources {
    private PostgresDataSources() {
    }

    /**
     * A data source for a JDBC URL. Every statement uses the binary wire format ({@code prepareThreshold=-1}):
     * rows arrive about twice as fast as parsing PostgreSQL's text output (measured streaming 5 million rows).
     *
     * @param user     null to take it from the URL
     * @param password null to take it from the URL
     */
    public static PGSimpleDataSource of(String jdbcUrl, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        ds.setPrepareThreshold(-1);
        return ds;
    }

    /**
     * A pool of connections to a JDBC URL, for the services: a new PostgreSQL backend per query costs about 10 ms
     * of server CPU, which halved cone-search throughput. Close it when the service stops.
     */
    public static HikariDataSource pooled(String jdbcUrl, String user, String password, int maxConnections) {
        HikariConfig c = new HikariConfig();
        c.setDataSource(of(jdbcUrl, user, password));
        c.setMaximumPoolSize(maxConnections);
        c.setMinimumIdle(Math.min(2, maxConnections));
        c.setPoolName("vosuite-db");
        return new HikariDataSource(c);
    }
}
