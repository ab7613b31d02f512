package org.vosuite.obscore.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vosuite.common.db.EmbeddedDatabase;
import org.vosuite.felis.ddl.Database;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.obscore.build.RowBuilder;
import org.vosuite.obscore.config.ObsCoreConfig;
import org.vosuite.obscore.config.ObsCoreConfigException;
import org.vosuite.obscore.exec.Backfill;
import org.vosuite.obscore.exec.ObsCoreTable;
import org.vosuite.obscore.live.LiveRunner;
import org.vosuite.obscore.live.Outbox;
import org.vosuite.obscore.registry.ExportFile;
import org.vosuite.obscore.registry.RegistryImporter;
import org.vosuite.obscore.registry.RegistryReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;

/**
 * {@code vo obscore}: an ObsCore table kept in step with a Butler registry. Registries are given as JDBC URLs
 * ({@code jdbc:sqlite:/path/gen3.sqlite3}, {@code jdbc:postgresql://host/db?currentSchema=ns}); the ObsCore table
 * lives in {@code --target} (a PostgreSQL JDBC URL), by default the embedded database of {@code --data-dir}.
 */
@Command(name = "obscore", mixinStandardHelpOptions = true,
        description = "Live ObsCore from a Butler registry (SQLite or PostgreSQL), configured like dax_obscore.",
        subcommands = {ObsCoreCommand.ImportExport.class, ObsCoreCommand.BackfillCmd.class,
            ObsCoreCommand.Export.class, ObsCoreCommand.InstallTriggers.class, ObsCoreCommand.Run.class,
            ObsCoreCommand.Status.class})
public final class ObsCoreCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new ObsCoreCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            if (isUserError(e)) {
                c.getErr().println("error: " + e.getMessage());
                c.getErr().flush();
                return 1;
            }
            throw e;
        });
        return cl;
    }

    /** The failures these commands report as one line (a launcher mounting them should do the same). */
    public static boolean isUserError(Exception e) {
        return e instanceof ObsCoreConfigException || e instanceof ExportFile.ExportException
                || e instanceof SQLException || e instanceof IOException || e instanceof RowBuilder.RowException
                || e instanceof Database.DatabaseException || e instanceof IllegalStateException;
    }

    static Connection registry(String url) throws SQLException {
        return org.vosuite.obscore.registry.Registries.connect(url);
    }

    /** Options shared by the commands that read a registry with a configuration. */
    static class Common {
        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "dax_obscore configuration (YAML).")
        Path config;
        @Option(names = "--registry", required = true, paramLabel = "JDBC_URL", description = "The registry.")
        String registry;
    }

    /** Where ivoa.ObsCore lives. */
    static class Target {
        @Option(names = "--target", paramLabel = "JDBC_URL",
                description = "PostgreSQL database holding ivoa.ObsCore (default: the embedded database).")
        String target;
        @Option(names = "--data-dir", defaultValue = "data/demo", paramLabel = "DIR",
                description = "Data folder of the embedded database when --target is not given (default: "
                        + "${DEFAULT-VALUE}).")
        Path dataDir;
        private EmbeddedDatabase embedded;

        Connection open() throws SQLException {
            if (target != null) {
                return DriverManager.getConnection(target);
            }
            embedded = EmbeddedDatabase.start(dataDir.resolve("pg"), 0);
            return DriverManager.getConnection(embedded.ensureDatabase("demo"));
        }

        void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Command(name = "import-export", mixinStandardHelpOptions = true,
            description = "Load a `butler export` YAML file into a registry database (created if empty).")
    static final class ImportExport implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "The export file.")
        Path file;
        @Option(names = "--registry", required = true, paramLabel = "JDBC_URL", description = "The registry.")
        String registry;
        @Option(names = "--directory", paramLabel = "DIR", description = "The datastore root the export's paths "
                + "are relative to: the sizes of the files found there are recorded (ObsCore access_estsize).")
        Path directory;

        @Override
        public Integer call() throws Exception {
            ExportFile export = ExportFile.read(file);
            try (Connection c = registry(registry)) {
                RegistryImporter.Summary s = RegistryImporter.load(export, c, registry.startsWith("jdbc:sqlite:")
                        ? Dialect.SQLITE : Dialect.POSTGRESQL, directory == null ? null
                                : directory.toAbsolutePath());
                spec.commandLine().getOut().printf("imported %s: %d dimension records, %d collections, %d dataset "
                        + "types, %d datasets, %d associations%n", file, s.dimensionRecords(), s.collections(),
                        s.datasetTypes(), s.datasets(), s.associations());
            }
            return 0;
        }
    }

    @Command(name = "backfill", mixinStandardHelpOptions = true,
            description = "Write the rows of every published dataset into ivoa.ObsCore (upserts: safe to repeat).")
    static final class BackfillCmd implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        Common common = new Common();
        @CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() throws Exception {
            ObsCoreConfig config = ObsCoreConfig.read(common.config);
            long t0 = System.nanoTime();
            try (Connection reg = registry(common.registry); Connection tgt = target.open()) {
                Backfill.Result r = Backfill.into(ObsCoreTable.open(tgt), config, new RegistryReader(reg), 5000);
                double s = (System.nanoTime() - t0) / 1e9;
                r.unknownDatasetTypes().forEach(t -> spec.commandLine().getErr().println("warning: dataset type "
                        + t + " is configured but not in the registry"));
                spec.commandLine().getOut().printf("backfilled %d rows in %.1f s (%.0f rows/s)%n", r.rows(), s,
                        r.rows() / Math.max(s, 1e-9));
            } finally {
                target.close();
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the rows straight from the registry to a file, like dax_obscore's exporter.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        Common common = new Common();
        @Option(names = "--format", defaultValue = "votable", paramLabel = "csv|votable",
                description = "Output format (default: ${DEFAULT-VALUE}).")
        String format;
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Output file.")
        Path output;

        @Override
        public Integer call() throws Exception {
            if (format.equals("parquet")) {
                throw new IllegalStateException("parquet is not offered: STIL needs Hadoop's libraries for it; use "
                        + "--format csv or votable");
            }
            if (!format.equals("csv") && !format.equals("votable")) {
                throw new IllegalStateException("--format must be csv or votable, not '" + format + "'");
            }
            ObsCoreConfig config = ObsCoreConfig.read(common.config);
            List<String> cols = new ArrayList<>(Backfill.columns(config));
            // Two passes over the registry, so that memory stays flat however many rows: the first finds each
            // column's Java type (from its first value), the second puts the rows into a disk-backed row store.
            java.util.Map<String, Class<?>> classes = new java.util.HashMap<>();
            try (Connection reg = registry(common.registry)) {
                Backfill.rows(config, new RegistryReader(reg), r -> {
                    for (String col : cols) {
                        Object v = r.get(col);
                        if (v != null) {
                            classes.putIfAbsent(col, v.getClass());
                        }
                    }
                });
            }
            ColumnInfo[] infos = new ColumnInfo[cols.size()];
            for (int i = 0; i < infos.length; i++) {
                infos[i] = new ColumnInfo(cols.get(i), classes.getOrDefault(cols.get(i), String.class), null);
            }
            uk.ac.starlink.table.RowStore store = uk.ac.starlink.table.StoragePolicy.PREFER_DISK.makeRowStore();
            store.acceptMetadata(new RowListStarTable(infos));
            long[] n = {0};
            try (Connection reg = registry(common.registry)) {
                Backfill.rows(config, new RegistryReader(reg), r -> {
                    Object[] cells = new Object[cols.size()];
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = r.get(cols.get(i));
                    }
                    try {
                        store.acceptRow(cells);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    n[0]++;
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            store.endRows();
            uk.ac.starlink.table.StarTable table = store.getStarTable();
            try (OutputStream out = Files.newOutputStream(output)) {
                if (format.equals("csv")) {
                    new uk.ac.starlink.table.formats.CsvTableWriter().writeStarTable(table, out);
                } else {
                    new uk.ac.starlink.votable.VOTableWriter(uk.ac.starlink.votable.DataFormat.BINARY2, true,
                            uk.ac.starlink.votable.VOTableVersion.V14).writeStarTable(table, out);
                }
            }
            spec.commandLine().getOut().printf("wrote %d rows to %s%n", n[0], output);
            return 0;
        }
    }

    @Command(name = "install-triggers", mixinStandardHelpOptions = true,
            description = "Create the outbox and its triggers in the registry (idempotent).")
    static final class InstallTriggers implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--registry", required = true, paramLabel = "JDBC_URL", description = "The registry.")
        String registry;

        @Override
        public Integer call() throws Exception {
            try (Connection c = registry(registry)) {
                List<String> tables = Outbox.install(c);
                spec.commandLine().getOut().println("outbox triggers on dataset and " + tables.size()
                        + " dataset_tags tables");
            }
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Apply registry changes to ivoa.ObsCore as they happen, until stopped.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        Common common = new Common();
        @CommandLine.Mixin
        Target target = new Target();
        @Option(names = "--poll-ms", defaultValue = "200", description = "Polling interval (SQLite), and the "
                + "longest wait for a notification (PostgreSQL); default ${DEFAULT-VALUE}.")
        long pollMillis;

        @Override
        public Integer call() throws Exception {
            ObsCoreConfig config = ObsCoreConfig.read(common.config);
            AtomicBoolean stop = new AtomicBoolean();
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.set(true);
                try {
                    main.join(10_000);
                } catch (InterruptedException ignored) {
                    // stopping anyway
                }
            }));
            try (Connection reg = registry(common.registry); Connection tgt = target.open()) {
                Outbox.install(reg);
                LiveRunner live = new LiveRunner(config, reg, ObsCoreTable.open(tgt), common.registry
                        .replaceAll("password=[^&]*", "password=***"), 1000);
                spec.commandLine().getOut().println("running: applying registry changes to ivoa.ObsCore");
                spec.commandLine().getOut().flush();
                live.run(stop::get, pollMillis);
            } finally {
                target.close();
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Pending registry changes, their lag, and the last change applied.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--registry", required = true, paramLabel = "JDBC_URL", description = "The registry.")
        String registry;
        @CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Connection reg = registry(registry)) {
                Outbox.Backlog b = Outbox.backlog(reg);
                out.printf("pending changes: %d (oldest %.1f s)%n", b.pending(), b.oldestSeconds());
                List<String> missing = Outbox.untriggered(reg);
                if (!missing.isEmpty()) {
                    out.println("tables without triggers (run install-triggers or run): " + missing);
                }
            }
            try (Connection tgt = target.open(); Statement s = tgt.createStatement();
                    ResultSet rs = s.executeQuery("SELECT registry, last_seq, applied_at FROM "
                            + "vosuite_obscore.applied ORDER BY applied_at DESC")) {
                while (rs.next()) {
                    out.printf("last applied change from %s: %d at %s%n", rs.getString(1), rs.getLong(2),
                            rs.getTimestamp(3).toInstant());
                }
            } catch (SQLException e) {
                out.println("no change applied yet (" + e.getMessage().lines().findFirst().orElse("") + ")");
            } finally {
                target.close();
            }
            return 0;
        }
    }
}
