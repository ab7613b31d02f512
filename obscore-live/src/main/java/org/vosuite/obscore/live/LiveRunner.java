package org.vosuite.obscore.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.postgresql.PGConnection;
import org.vosuite.obscore.build.ObsCoreRow;
import org.vosuite.obscore.build.RowBuilder;
import org.vosuite.obscore.config.ObsCoreConfig;
import org.vosuite.obscore.exec.Backfill;
import org.vosuite.obscore.exec.ObsCoreTable;
import org.vosuite.obscore.registry.DatasetRef;
import org.vosuite.obscore.registry.RegistryReader;

/**
 * Keeps ivoa.ObsCore in step with the registry: takes the outbox's pending changes in order, decides for each
 * changed dataset from the registry's current state whether it belongs in ObsCore (exists, is of a configured
 * type, is in a selected run or in the tagged collection), upserts or deletes its row and records the last change
 * applied — in one transaction of the target database — and only then removes the changes from the outbox. A
 * crash anywhere re-applies at most one batch, which changes nothing the second time.
 */
public final class LiveRunner {
    private final ObsCoreConfig config;
    private final Connection registry;
    private final RegistryReader reader;
    private final ObsCoreTable table;
    private final String registryKey;
    private final int batch;

    /**
     * @param registryKey names the registry in the target's bookkeeping (its JDBC URL without credentials)
     */
    public LiveRunner(ObsCoreConfig config, Connection registry, ObsCoreTable table, String registryKey,
            int batch) {
        this.config = config;
        this.registry = registry;
        this.reader = new RegistryReader(registry);
        this.table = table;
        this.registryKey = registryKey;
        this.batch = batch;
    }

    /** How often the runner looks for dataset types registered since the triggers were installed. */
    private static final long NEW_TYPES_CHECK_NANOS = 10_000_000_000L;
    private long typesChecked = System.nanoTime() - NEW_TYPES_CHECK_NANOS;

    /** Applies up to one batch of pending changes; returns how many changes were applied. */
    public int applyOnce() throws SQLException, RowBuilder.RowException {
        // not on every idle poll: a few catalogue queries, and new dataset types are rare
        List<String> fresh = List.of();
        if (System.nanoTime() - typesChecked >= NEW_TYPES_CHECK_NANOS) {
            typesChecked = System.nanoTime();
            fresh = Outbox.untriggered(registry);
        }
        if (!fresh.isEmpty()) {
            // dataset types registered since the triggers were installed: trigger their tables, then reconcile
            // them with a backfill, which catches anything written before the trigger existed
            Outbox.install(registry);
            Backfill.into(table, config, reader, 1000);
        }
        List<Outbox.Change> changes = Outbox.pending(registry, batch);
        if (changes.isEmpty()) {
            return 0;
        }
        Set<String> ids = new LinkedHashSet<>();
        changes.forEach(ch -> ids.add(ch.datasetId().replace("-", "")));
        Map<String, RegistryReader.DatasetType> types = reader.datasetTypes();
        RowBuilder builder = new RowBuilder(config, reader);
        List<ObsCoreRow> rows = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (String id : ids) {
            Optional<DatasetRef> ref = reader.dataset(id, types);
            if (ref.isPresent() && belongs(ref.get(), types)) {
                rows.add(builder.build(ref.get()));
            } else {
                gone.add(id);
            }
        }
        table.apply(rows, gone, registryKey, changes.get(changes.size() - 1).seq());
        Outbox.done(registry, changes);
        return changes.size();
    }

    private boolean belongs(DatasetRef ref, Map<String, RegistryReader.DatasetType> types) throws SQLException {
        if (!config.datasetTypes().containsKey(ref.datasetType())) {
            return false;
        }
        if (config.taggedCollection() == null) {
            return config.includesRun(ref.run());
        }
        return reader.inCollection(ref.id(), types.get(ref.datasetType()), config.taggedCollection());
    }

    /**
     * Runs until {@code stop} says so: applies changes as they come, waking on PostgreSQL notifications or polling
     * SQLite every {@code pollMillis}.
     */
    public void run(BooleanSupplier stop, long pollMillis) throws SQLException, RowBuilder.RowException,
            InterruptedException {
        boolean pg = Outbox.postgres(registry);
        if (pg) {
            try (var s = registry.createStatement()) {
                s.execute("LISTEN " + Outbox.CHANNEL);
            }
        }
        while (!stop.getAsBoolean()) {
            if (applyOnce() > 0) {
                continue;
            }
            if (pg) {
                registry.unwrap(PGConnection.class).getNotifications((int) pollMillis);
            } else {
                Thread.sleep(pollMillis);
            }
        }
    }
}
