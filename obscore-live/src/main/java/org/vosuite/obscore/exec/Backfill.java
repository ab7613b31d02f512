package org.vosuite.obscore.exec;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.vosuite.obscore.build.ObsCoreRow;
import org.vosuite.obscore.build.RowBuilder;
import org.vosuite.obscore.config.ObsCoreConfig;
import org.vosuite.obscore.registry.RegistryReader;

/**
 * Every dataset the configuration publishes, read from the registry and turned into rows: for a backfill of the
 * ObsCore table, or an export to a file.
 */
public final class Backfill {
    private Backfill() {
    }

    /** What a pass found: rows made, and the configured dataset types the registry does not have. */
    public record Result(long rows, List<String> unknownDatasetTypes) {
    }

    /** A failure inside the row callback, carried out of the registry's cursor. */
    private static final class Stop extends RuntimeException {
        Stop(Exception cause) {
            super(cause);
        }
    }

    public static Result rows(ObsCoreConfig config, RegistryReader registry, Consumer<ObsCoreRow> each)
            throws SQLException, RowBuilder.RowException {
        RowBuilder builder = new RowBuilder(config, registry);
        Map<String, RegistryReader.DatasetType> types = registry.datasetTypes();
        RegistryReader.Selection selection = config.taggedCollection() != null
                ? new RegistryReader.Selection(run -> false, config.taggedCollection())
                : new RegistryReader.Selection(config::includesRun, null);
        long[] n = {0};
        List<String> unknown = new ArrayList<>();
        for (String name : config.datasetTypes().keySet()) {
            RegistryReader.DatasetType type = types.get(name);
            if (type == null) {
                unknown.add(name);
                continue;
            }
            try {
                registry.datasets(type, selection, ref -> {
                    try {
                        each.accept(builder.build(ref));
                        n[0]++;
                    } catch (RowBuilder.RowException e) {
                        throw new Stop(e);
                    }
                });
            } catch (Stop s) {
                throw (RowBuilder.RowException) s.getCause();
            }
        }
        return new Result(n[0], unknown);
    }

    /**
     * Writes every row into the table in batches; returns what the pass found. Rows are built on this thread while
     * a second one writes the previous batch, so reading and building overlap the database's write (on a 2-core
     * machine running the database too, the write is the limit: see bench/ObsCoreBench.java).
     */
    public static Result into(ObsCoreTable table, ObsCoreConfig config, RegistryReader registry, int batchSize)
            throws SQLException, RowBuilder.RowException {
        java.util.concurrent.BlockingQueue<List<ObsCoreRow>> queue = new java.util.concurrent.ArrayBlockingQueue<>(2);
        SQLException[] writeFailure = new SQLException[1];
        Thread writer = new Thread(() -> {
            try {
                boolean checked = false;
                for (List<ObsCoreRow> batch = queue.take(); !batch.isEmpty(); batch = queue.take()) {
                    if (writeFailure[0] != null) {
                        continue; // drain: the reader stops at its next batch
                    }
                    if (!checked) {
                        table.check(batch.get(0).values().keySet());
                        checked = true;
                    }
                    table.write(batch);
                }
            } catch (SQLException e) {
                writeFailure[0] = e;
                queue.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "obscore-writer");
        writer.start();
        List<ObsCoreRow>[] batch = new List[] {new ArrayList<>()};
        Result r;
        try {
            r = rows(config, registry, row -> {
                if (writeFailure[0] != null) {
                    throw new Stop(writeFailure[0]);
                }
                batch[0].add(row);
                if (batch[0].size() >= batchSize) {
                    put(queue, batch[0]);
                    batch[0] = new ArrayList<>();
                }
            });
            if (!batch[0].isEmpty()) {
                put(queue, batch[0]);
            }
        } catch (Stop s) {
            throw (SQLException) s.getCause();
        } finally {
            put(queue, List.of()); // end of rows
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (writeFailure[0] != null) {
            throw writeFailure[0];
        }
        table.endFirstFill();
        return r;
    }

    private static void put(java.util.concurrent.BlockingQueue<List<ObsCoreRow>> queue, List<ObsCoreRow> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing rows", e);
        }
    }

    /** The column names rows will have under this configuration, in order. */
    public static Set<String> columns(ObsCoreConfig config) {
        Set<String> out = new LinkedHashSet<>(ObsCoreRow.COLUMNS);
        out.addAll(config.extraColumns().keySet());
        config.datasetTypes().values().forEach(t -> out.addAll(t.extraColumns().keySet()));
        return out;
    }
}
