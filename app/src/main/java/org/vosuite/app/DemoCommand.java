package org.vosuite.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vosuite.common.db.PostgresDataSources;
import org.vosuite.app.demo.DemoCatalog;
import org.vosuite.app.demo.DemoRelease;
import org.vosuite.app.demo.DemoServices;
import org.vosuite.app.demo.LiveObsCore;
import org.vosuite.app.server.ServerConfig;
import org.vosuite.app.server.SuiteServer;
import org.vosuite.common.db.EmbeddedDatabase;
import org.vosuite.common.http.BearerTokens;
import org.vosuite.common.uws.JobManager;
import org.vosuite.tap.TapLimits;
import org.vosuite.tap.upload.UploadLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./vo demo}: builds the synthetic demo release into its data folder (first run: catalog, images, Butler
 * registry, ObsCore, HiPS), then serves TAP, SODA, DataLink, HiPS and the portal, with ObsCore following the
 * registry live.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Build the synthetic demo data release (first run) and serve it at http://127.0.0.1:8080/.",
                "Later runs reuse the data folder and are ready in seconds."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--data-dir", defaultValue = "data/demo", paramLabel = "DIR",
            description = "Where the database, images, registry and HiPS live (default: ${DEFAULT-VALUE}).")
    Path dataDir;
    @Option(names = "--size", defaultValue = "medium", paramLabel = "small|medium",
            description = "small: 100,000 objects; medium: 1,000,000 objects (default).")
    String size;

    /**
     * The default limits, and uploads by URL allowed from a few public archives. TAP 1.1 makes HTTP uploads
     * mandatory where uploads are offered (taplint checks it); `vo serve` leaves them off unless configured.
     */
    static final TapLimits DEMO_LIMITS = new TapLimits(TapLimits.DEFAULT.defaultMaxRec(),
            TapLimits.DEFAULT.hardMaxRec(), TapLimits.DEFAULT.syncTimeout(), new UploadLimits(
                    UploadLimits.DEFAULT.maxRows(), UploadLimits.DEFAULT.maxBytes(), true, java.util.List.of(
                            "vizier.cds.unistra.fr", "simbad.cds.unistra.fr", "gea.esac.esa.int")));

    @Override
    public Integer call() throws Exception {
        DemoCatalog.Size s;
        try {
            s = DemoCatalog.Size.valueOf(size.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: --size must be small or medium, not '" + size + "'");
            return 2;
        }
        if (port < 1 || port > 65535) {
            spec.commandLine().getErr().println("error: --port must be from 1 to 65535, not " + port);
            return 2;
        }
        PrintStream progress = System.err;
        long t0 = System.nanoTime();
        dataDir = dataDir.toAbsolutePath();
        progress.println("demo: starting the embedded PostgreSQL in " + dataDir.resolve("pg"));
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("pg"), 0);
        String url = db.ensureDatabase("demo");
        DemoRelease.DataFolder files = new DemoRelease.DataFolder(dataDir);
        String base = "http://127.0.0.1:" + port;
        String links = base + "/datalink/links";
        if (DemoRelease.isBuilt(url, s, files)) {
            progress.println("demo: reusing the release built earlier in " + dataDir);
            DemoRelease.pointAccessUrls(url, links);
        } else {
            progress.println("demo: building the " + size + " demo release (first run) into " + dataDir + " ...");
            DemoRelease.build(url, s, files, links, progress);
        }
        var ds = PostgresDataSources.pooled(url, null, null, 10);
        LiveObsCore live = LiveObsCore.start(DemoRelease.obsCoreConfig(links), files.registryUrl(), url, progress);
        Runtime.getRuntime().addShutdownHook(new Thread(live::close));
        progress.printf("demo: prepared in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        var out = spec.commandLine().getOut();
        out.println("database: " + url + "   (the embedded PostgreSQL; psql-compatible, user postgres)");
        ServeCommand.run(new SuiteServer.Settings("127.0.0.1", port, "TAP_SCHEMA", DEMO_LIMITS, 8,
                        JobManager.Settings.DEFAULT, dataDir.resolve("jobs"), BearerTokens.NONE),
                DemoServices.services(files), new ServerConfig.OpenDatabase(ds, db), out, DemoServices::banner);
        return 0;
    }
}
