package org.vosuite.tap.geometry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 cluster with pg_sphere, from Debian's binaries: its own directory and port, trust
 * authentication, so the test owns it completely and does not depend on how the machine's {@code main} cluster is
 * configured. Missing binaries or extension are a failure, not a skip: the spatial tests must run.
 */
final class PgSphereCluster implements AutoCloseable {
    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final Path EXTENSION = Path.of("/usr/share/postgresql/15/extension/pg_sphere.control");
    static final String INSTALL = "PostgreSQL 15 with pg_sphere is needed: apt-get install postgresql-15-pgsphere";

    private final Path dir;
    private final int port;

    private PgSphereCluster(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static PgSphereCluster start() throws IOException {
        if (!Files.isExecutable(BIN.resolve("initdb")) || !Files.exists(EXTENSION)) {
            throw new AssertionError(INSTALL + " (looked for " + BIN.resolve("initdb") + " and " + EXTENSION + ")");
        }
        Path dir = Files.createTempDirectory("pgsphere");
        if (root()) { // initdb refuses root: the cluster belongs to postgres
            Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(
                    "postgres"));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PgSphereCluster cluster = new PgSphereCluster(dir, port);
        try {
            cluster.run(BIN.resolve("initdb") + " -D " + dir + "/data -A trust -U postgres -E UTF8");
            cluster.run(BIN.resolve("pg_ctl") + " -D " + dir + "/data -l " + dir + "/log -w start -o '-p " + port
                    + " -k " + dir + " -c listen_addresses=127.0.0.1'");
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION pg_sphere");
            } catch (SQLException e) {
                throw new AssertionError(INSTALL + ": " + e.getMessage(), e);
            }
        } catch (IOException | AssertionError e) {
            try {
                cluster.close(); // removes the directory even when the server never started
            } catch (IOException | AssertionError suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return cluster;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    @Override
    public void close() throws IOException {
        try {
            run(BIN.resolve("pg_ctl") + " -D " + dir + "/data -m fast -w stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Runs a command as the cluster's owner and fails with its output if it fails. */
    private void run(String command) throws IOException {
        List<String> argv = root() ? List.of("su", "postgres", "-s", "/bin/sh", "-c", command)
                : List.of("/bin/sh", "-c", command);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        if (exit != 0) {
            Path log = dir.resolve("log");
            throw new AssertionError(command + " failed:\n" + out + (Files.exists(log) ? Files.readString(log) : ""));
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }
}
