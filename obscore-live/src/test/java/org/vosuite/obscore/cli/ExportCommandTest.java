package org.vosuite.obscore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.obscore.config.ObsCoreConfig;
import org.vosuite.obscore.exec.Backfill;
import org.vosuite.obscore.registry.ExportFile;
import org.vosuite.obscore.registry.RegistryImporter;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;

/**
 * {@code vo obscore export} as the command line runs it: the DemoCam registry's rows as CSV and as VOTable, read
 * back by STIL: every configured column, every published dataset, values as a backfill makes them.
 */
class ExportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void exportsEveryRowAsCsvAndVotable() throws Exception {
        Path export = Path.of(ExportCommandTest.class.getResource("/org/vosuite/obscore/demo/democam-export.yaml")
                .toURI());
        Path config = export.resolveSibling("democam-obscore.yaml");
        String registry = "jdbc:sqlite:" + tmp.resolve("gen3.sqlite3");
        try (Connection c = DriverManager.getConnection(registry)) {
            RegistryImporter.load(ExportFile.read(export), c, Dialect.SQLITE);
        }
        List<String> columns = List.copyOf(Backfill.columns(ObsCoreConfig.read(config)));
        for (String[] f : new String[][] {{"csv", "csv"}, {"votable", "votable"}}) {
            Path out = tmp.resolve("obscore." + f[0]);
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = ObsCoreCommand.commandLine(new PrintWriter(o), new PrintWriter(e)).execute("export", "--config",
                    config.toString(), "--registry", registry, "--format", f[0], "-o", out.toString());
            assertEquals(0, code, e.toString());
            assertTrue(o.toString().contains("wrote 10 rows"), o.toString());
            StarTable t = new StarTableFactory().makeStarTable(out.toString(), f[1]);
            assertEquals(columns.size(), t.getColumnCount());
            Set<String> ids = new HashSet<>();
            int did = columns.indexOf("obs_publisher_did");
            int sRa = columns.indexOf("s_ra");
            try (RowSequence rs = t.getRowSequence()) {
                while (rs.next()) {
                    ids.add(String.valueOf(rs.getCell(did)));
                    Object ra = rs.getCell(sRa);
                    assertTrue(ra == null || ((Number) ra).doubleValue() > 150 && ((Number) ra).doubleValue() < 161,
                            f[0] + " s_ra " + ra);
                }
            }
            assertEquals(10, ids.size(), f[0]);
        }
    }
}
