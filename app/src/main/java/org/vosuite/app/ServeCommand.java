package org.vosuite.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vosuite.app.server.ServerConfig;
import org.vosuite.app.server.SuiteServer;
import org.vosuite.common.config.ConfigFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the published data (TAP at /tap) as the configuration file says.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML configuration.")
    Path config;

    @Override
    public Integer call() throws Exception {
        ServerConfig c = ServerConfig.from(ConfigFile.read(config), config.toAbsolutePath().getParent());
        ServerConfig.OpenDatabase db = c.open();
        run(c.server(), c.services(), db, spec.commandLine().getOut(),
                base -> java.util.List.of());
        return 0;
    }

    /**
     * Serves until the process is stopped; prints one "ready: URL" line when queries are accepted, the other
     * services' URLs, and then the lines {@code epilogue} makes for the server's base URL.
     */
    static void run(SuiteServer.Settings settings, SuiteServer.Services services, ServerConfig.OpenDatabase db,
            java.io.PrintWriter out, java.util.function.Function<String, java.util.List<String>> epilogue) throws InterruptedException, java.sql.SQLException, java.io.IOException {
        SuiteServer server = SuiteServer.start(settings, db.dataSource(), services);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            db.close(); // the pool, then the embedded server if there is one
            stopped.countDown();
        }));
        out.println("ready: " + server.baseUrl() + "/tap");
        if (services.soda() != null) {
            out.println("SODA: " + server.baseUrl() + "/soda/sync");
        }
        if (services.datalink() != null) {
            out.println("DataLink: " + server.baseUrl() + "/datalink/links?ID=…");
        }
        if (services.hips() != null) {
            out.println("HiPS: " + server.baseUrl() + "/hips/list");
        }
        if (!services.docs().isEmpty()) {
            out.println("documentation: " + server.baseUrl() + "/docs/");
        }
        epilogue.apply(server.baseUrl()).forEach(out::println);
        out.flush();
        stopped.await();
    }
}
