package org.vosuite.felis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.felis.diff.SchemaDiff;
import org.vosuite.felis.model.Schema;

class DiffDumpDocsTest {
    @TempDir
    Path dir;

    @Test
    void identicalFilesHaveNoDifferences() {
        Cli.Run r = Cli.felis("diff", "-E", Cli.resource("every_type.yaml"), Cli.resource("every_type.yaml"));
        assertEquals(0, r.exit(), r.toString());
        assertEquals("no differences\n", r.out());
    }

    @Test
    void semanticDiff() throws Exception {
        String a = Files.readString(Path.of(Cli.resource("every_type.yaml")));
        String b = a.replace("        datatype: short\n", "        datatype: int\n")
                .replace("        tap:column_index: 42\n", "        tap:column_index: 43\n")
                .replace("      - name: text_field\n        \"@id\": \"#table1.text_field\"\n        datatype: text\n",
                        "")
                .replace("      - name: table1_id\n", "      - name: new_col\n        datatype: double\n"
                        + "      - name: table1_id\n");
        Path fb = dir.resolve("b.yaml");
        Files.writeString(fb, b);
        Cli.Run r = Cli.felis("diff", "-E", Cli.resource("every_type.yaml"), fb.toString());
        assertEquals(1, r.exit(), r.toString());
        String o = r.out();
        assertTrue(o.contains("~ column table1.short_field: datatype: 'short' -> 'int'"), o);
        assertTrue(o.contains("~ column table1.long_field: tap:column_index: 42 -> 43"), o);
        assertTrue(o.contains("- column table1.text_field (text)"), o);
        assertTrue(o.contains("+ column table2.new_col (double)"), o);
        assertEquals(0, Cli.felis("diff", Cli.resource("every_type.yaml"), fb.toString()).exit(),
                "without -E a diff is not an error");
        Cli.Run json = Cli.felis("diff", "--format", "json", Cli.resource("every_type.yaml"), fb.toString());
        assertTrue(json.out().contains("\"attribute\" : \"datatype\""), json.out());
    }

    @Test
    void dumpRoundTripsYamlAndJson() throws Exception {
        for (String file : new String[] {"every_type.yaml", "composite_keys.yaml", "refs/release.yaml"}) {
            Schema original = Felis.load(Path.of(Cli.resource(file)));
            for (String ext : new String[] {".yaml", ".json"}) {
                Path out = Path.of(Cli.resource(file)).resolveSibling("dumped-" + ext.substring(1) + "-"
                        + Path.of(file).getFileName().toString().replace(".yaml", ext));
                try {
                    Cli.Run r = Cli.felis("dump", Cli.resource(file), out.toString());
                    assertEquals(0, r.exit(), r.toString());
                    Schema back = Felis.load(out);
                    assertEquals(SchemaDiff.compare(original, back), java.util.List.of(), file + ext);
                    assertEquals(original.tables().get(0).columns().size(), back.tables().get(0).columns().size());
                } finally {
                    Files.deleteIfExists(out);
                }
            }
        }
        Cli.Run stripped = Cli.felis("dump", "--strip-ids", "--sort-columns", Cli.resource("every_type.yaml"), "-");
        assertTrue(!stripped.out().contains("@id"), stripped.out());
        assertTrue(stripped.out().indexOf("- name: binary_field") < stripped.out().indexOf("- name: boolean_field"));
    }

    @Test
    void docs() throws Exception {
        Cli.Run r = Cli.felis("docs", "-o", dir.toString(), Cli.resource("every_type.yaml"),
                Cli.resource("composite_keys.yaml"));
        assertEquals(0, r.exit(), r.toString());
        String md = Files.readString(dir.resolve("test_schema.md"));
        assertTrue(md.contains("| **boolean_field** | boolean not null |  |  | PK | A boolean. |"), md);
        assertTrue(md.contains("| int_field | int | deg | pos.eq.ra;meta.main | indexed |  |"), md);
        assertTrue(md.contains("| table1_id | boolean |  |  | FK → table1.boolean_field |  |"), md);
        String html = Files.readString(dir.resolve("composite.html"));
        assertTrue(html.contains("<h2 id=\"child\">child</h2>"), html);
        assertTrue(html.contains("PK (composite)"), html);
        assertTrue(Files.readString(dir.resolve("index.html")).contains("test_schema.html"));
    }
}
