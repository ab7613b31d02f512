package org.vosuite.obscore.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.vosuite.felis.ddl.Database;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.obscore.build.RowBuilder;
import org.vosuite.obscore.config.ObsCoreConfig;
import org.vosuite.obscore.config.ObsCoreConfigException;
import org.vosuite.obscore.exec.Backfill;
import org.vosuite.obscore.exec.ObsCoreTable;
import org.vosuite.obscore.live.Outbox;
import org.vosuite.obscore.registry.ExportFile;
import org.vosuite.obscore.registry.RegistryImporter;
import org.vosuite.obscore.registry.RegistryReader;

/**
 * The demo's ObsCore: the DemoCam export (a two-detector camera observing inside the demo footprint) loaded into a
 * Butler registry and published into ivoa.ObsCore with the DemoCam dax_obscore configuration — what an
 * observatory would do with {@code vo obscore import-export} and {@code vo obscore backfill}.
 */
public final class DemoObsCore {
    static final String EXPORT = "/org/vosuite/obscore/demo/democam-export.yaml";
    static final String CONFIG = "/org/vosuite/obscore/demo/democam-obscore.yaml";

    private DemoObsCore() {
    }

    /**
     * Builds the registry at {@code registryUrl} (e.g. a SQLite file) and fills the ObsCore table of the target
     * database; returns the rows written.
     */
    public static long load(String registryUrl, Connection target) throws IOException, SQLException,
            ExportFile.ExportException, ObsCoreConfigException, Database.DatabaseException,
            RowBuilder.RowException {
        return load(registryUrl, target, LINKS);
    }

    /** The links endpoint the configuration's access URLs name, which {@link #load} can point elsewhere. */
    public static final String LINKS = "https://data.demo.org/api/datalink/links";

    /**
     * As {@link #load(String, Connection)}, with each row's {@code access_url} pointing at the DataLink links
     * endpoint {@code linksUrl} (e.g. {@code http://127.0.0.1:8080/datalink/links}).
     */
    public static long load(String registryUrl, Connection target, String linksUrl) throws IOException,
            SQLException, ExportFile.ExportException, ObsCoreConfigException, Database.DatabaseException,
            RowBuilder.RowException {
        ExportFile export;
        String configText;
        try (InputStream e = DemoObsCore.class.getResourceAsStream(EXPORT);
                InputStream c = DemoObsCore.class.getResourceAsStream(CONFIG)) {
            export = ExportFile.read(EXPORT, new InputStreamReader(e, StandardCharsets.UTF_8));
            configText = new String(c.readAllBytes(), StandardCharsets.UTF_8);
        }
        return publish(export, config(CONFIG, configText, linksUrl), registryUrl, null, target);
    }

    /** A dax_obscore configuration whose access URLs name {@link #LINKS}, pointed at {@code linksUrl}. */
    public static ObsCoreConfig config(String name, String text, String linksUrl) throws ObsCoreConfigException {
        return ObsCoreConfig.read(name, new java.io.StringReader(text.replace(LINKS, linksUrl)));
    }

    /**
     * Imports {@code export} into the (empty) registry at {@code registryUrl} (file sizes from
     * {@code datastoreRoot} when not null), installs the live triggers, and backfills the target's ObsCore table
     * from it; returns the rows written.
     */
    public static long publish(ExportFile export, ObsCoreConfig config, String registryUrl,
            java.nio.file.Path datastoreRoot, Connection target)
            throws SQLException, ExportFile.ExportException, Database.DatabaseException, RowBuilder.RowException {
        try (Connection registry = DriverManager.getConnection(registryUrl)) {
            RegistryImporter.load(export, registry, registryUrl.startsWith("jdbc:sqlite:") ? Dialect.SQLITE
                    : Dialect.POSTGRESQL, datastoreRoot);
            Outbox.install(registry);
            return Backfill.into(ObsCoreTable.open(target), config, new RegistryReader(registry), 1000).rows();
        }
    }
}
