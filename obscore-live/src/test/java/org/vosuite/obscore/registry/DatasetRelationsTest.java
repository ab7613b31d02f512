package org.vosuite.obscore.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.felis.TestPostgres;
import org.vosuite.felis.ddl.Dialect;

/** Provenance read from the DemoCam registry's dimensions and calibration collection, on SQLite and PostgreSQL. */
class DatasetRelationsTest {
    @TempDir
    Path tmp;

    @Test
    void sqlite() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("gen3.sqlite3"))) {
            RegistryImporter.load(ExportFile.read(RegistryImporterTest.export()), c, Dialect.SQLITE);
            check(new RegistryReader(c));
        }
    }

    @Test
    void postgres() throws Exception {
        try (Connection c = DriverManager.getConnection(TestPostgres.newDatabase())) {
            RegistryImporter.load(ExportFile.read(RegistryImporterTest.export()), c, Dialect.POSTGRESQL);
            check(new RegistryReader(c));
        }
    }

    private static void check(RegistryReader r) throws Exception {
        Map<String, RegistryReader.DatasetType> types = r.datasetTypes();
        // raw of exposure 100 (g band), detector 0: the calexp of visit 100 detector 0, and the detector-0 g flat
        assertEquals(List.of("DERIVATION calexp 80bde7d7c7ca53ea97d6990d600725b6",
                "CALIBRATION flat b1a7f1a05c1e5d0a9c3e0f1a2b3c4d01"),
                related(r, r.dataset("24e9e18b139952348eaf13add2351eb6", types).orElseThrow()));
        // calexp of visit 101 (r band), detector 1: the raw of exposure 101 detector 1, and the flat applied to it
        assertEquals(List.of("PROGENITOR raw 43ea3f6c1ca156bca6d2e07f8ea1180a",
                "PROGENITOR flat b1a7f1a05c1e5d0a9c3e0f1a2b3c4d04"),
                related(r, r.dataset("a3dc4a1137cd5fb9b0d4ca6bdb536da3", types).orElseThrow()));
        // a coadd has no exposure or visit: nothing the registry records
        assertEquals(List.of(), related(r, r.dataset("4fe936fdab5a5dce95ebf6c6895414b3", types).orElseThrow()));
    }

    private static List<String> related(RegistryReader r, DatasetRef d) throws Exception {
        return DatasetRelations.of(r, d).stream().map(x -> x.kind() + " " + x.dataset().datasetType() + " "
                + x.dataset().id()).toList();
    }
}
