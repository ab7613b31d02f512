package org.vosuite.app.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vosuite.felis.ddl.Database;
import org.vosuite.obscore.config.ObsCoreConfig;
import org.vosuite.obscore.exec.ObsCoreTable;
import org.vosuite.obscore.live.LiveRunner;
import org.vosuite.obscore.live.Outbox;

/**
 * {@code vo obscore run} inside the demo process: a background thread applying the registry's changes to
 * ivoa.ObsCore (a dataset added to the demo registry with Butler tools shows up in TAP within a second).
 */
public final class LiveObsCore implements AutoCloseable {
    private final AtomicBoolean stop;
    private final Thread thread;

    private LiveObsCore(AtomicBoolean stop, Thread thread) {
        this.stop = stop;
        this.thread = thread;
    }

    public static LiveObsCore start(ObsCoreConfig config, String registryUrl, String targetUrl,
            PrintStream log) throws SQLException, Database.DatabaseException {
        Connection registry = DriverManager.getConnection(registryUrl);
        Connection target = DriverManager.getConnection(targetUrl);
        try {
            Outbox.install(registry);
            LiveRunner runner = new LiveRunner(config, registry, ObsCoreTable.open(target), registryUrl, 1000);
            AtomicBoolean stop = new AtomicBoolean();
            Thread t = new Thread(() -> {
                try (registry; target) {
                    runner.run(stop::get, 500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    if (!stop.get()) {
                        log.println("demo: live ObsCore stopped: " + e.getMessage());
                    }
                }
            }, "live-obscore");
            t.setDaemon(true);
            t.start();
            return new LiveObsCore(stop, t);
        } catch (SQLException | Database.DatabaseException | RuntimeException e) {
            registry.close();
            target.close();
            throw e;
        }
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
