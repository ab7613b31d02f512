package org.vosuite.felis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosuite.felis.model.Column;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.model.Table;

/** {@code felis validate} through the real command line: verdicts, exit codes and messages with file and line. */
class ValidateTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    private static final String HEADER = "name: s\ntables:\n  - name: t\n    columns:\n";

    @Test
    void validFilesPass() {
        Cli.Run r = Cli.felis("validate", Cli.resource("every_type.yaml"), Cli.resource("composite_keys.yaml"),
                Cli.resource("aliases.yaml"), Cli.resource("refs/release.yaml"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("every_type.yaml: valid"), r.toString());
    }

    @Test
    void unknownKeyIsNamedWithLineAndSuggestion() throws IOException {
        Path f = write("bad.yaml", HEADER + "      - name: ra\n        datatype: double\n        ucd: pos.eq.ra\n");
        Cli.Run r = Cli.felis("validate", f.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("bad.yaml:7: error: column t.ra: unknown key 'ucd'; did you mean 'ivoa:ucd'?"),
                r.toString());
    }

    @Test
    void wrongTypesAndMissingLength() throws IOException {
        Path f = write("types.yaml", HEADER
                + "      - name: a\n        datatype: string\n"
                + "      - name: b\n        datatype: int\n        nullable: maybe\n"
                + "      - name: c\n        datatype: strng\n        length: 3\n"
                + "      - name: d\n        datatype: double\n        value: \"x\"\n"
                + "      - name: e\n        datatype: int\n        precision: 3\n");
        Cli.Run r = Cli.felis("validate", f.toString());
        assertEquals(1, r.exit());
        String o = r.out();
        assertTrue(o.contains(":5: error: column t.a: datatype 'string' needs a 'length'"), o);
        assertTrue(o.contains(":9: error: column t.b: 'nullable' must be true or false, found string 'maybe'"), o);
        assertTrue(o.contains(":11: error: column t.c: unknown datatype 'strng'; did you mean 'string'?"), o);
        assertTrue(o.contains("column t.d: the default 'value' must be a decimal number"), o);
        assertTrue(o.contains("column t.e: 'precision' is only valid for timestamp columns"), o);
        assertFalse(o.contains("Exception"), o);
    }

    @Test
    void duplicateIdsNamesAndDanglingReferences() throws IOException {
        Path f = write("refs.yaml", """
                name: s
                tables:
                  - name: t
                    primaryKey: "#t.nope"
                    columns:
                      - name: a
                        datatype: int
                      - name: a
                        datatype: int
                    indexes:
                      - name: i1
                        columns: [a]
                    constraints:
                      - name: fk
                        "@type": ForeignKey
                        columns: ["#t.a"]
                        referencedColumns: ["#u.x", "#u.y"]
                  - name: u
                    columns:
                      - name: x
                        datatype: int
                    constraints:
                      - name: fk
                        "@type": Unique
                        columns: ["#t.a"]
                """);
        Cli.Run r = Cli.felis("validate", f.toString());
        assertEquals(1, r.exit());
        String o = r.out();
        assertTrue(o.contains("refs.yaml:3: error: table t: 'primaryKey' names column id '#t.nope', which is not a "
                + "column of table 't'"), o);
        assertTrue(o.contains("duplicate column name 'a'"), o);
        assertTrue(o.contains("duplicate id '#t.a'"), o);
        assertTrue(o.contains("index i1: 'columns' names column id 'a', which is not a column of table 't'; column "
                + "ids are written '#t.a'"), o);
        assertTrue(o.contains("'columns' has 1 column(s) but 'referencedColumns' has 2"), o);
        assertTrue(o.contains("referenced column id '#u.y' is not a column of this schema"), o);
        assertTrue(o.contains("duplicate constraint name 'fk'"), o);
        assertTrue(o.contains("constraint fk: 'columns' names column '#t.a', which belongs to table 't', not to 'u'"),
                o);
    }

    @Test
    void malformedYamlAndMissingFileGiveMessagesNotStackTraces() throws IOException {
        Path f = write("broken.yaml", "name: x\ntables:\n  - name: [a\n");
        Cli.Run r = Cli.felis("validate", f.toString(), dir.resolve("nothere.yaml").toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("broken.yaml:4: error: not valid YAML"), r.toString());
        assertTrue(r.out().contains("nothere.yaml: error: file not found"), r.toString());
        Path notMapping = write("list.yaml", "- a\n- b\n");
        Cli.Run r2 = Cli.felis("validate", notMapping.toString());
        assertTrue(r2.out().contains("list.yaml:1: error: schema ?: expected a mapping"), r2.toString());
        Path empty = write("empty.yaml", "");
        assertTrue(Cli.felis("validate", empty.toString()).out().contains("the file is empty"));
        assertFalse((r.err() + r2.err()).contains("Exception"));
    }

    @Test
    void idGenerationCanBeTurnedOff() throws IOException {
        Path f = write("ids.yaml", HEADER + "      - name: a\n        datatype: int\n");
        assertEquals(0, Cli.felis("validate", f.toString()).exit());
        Cli.Run r = Cli.felis("--no-id-generation", "validate", f.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("missing required key '@id'"), r.toString());
        assertTrue(r.out().contains("the generated id would be '#t.a'"), r.toString());
    }

    @Test
    void optionalChecks() throws IOException {
        Path f = write("strict.yaml", """
                name: s
                tables:
                  - name: t
                    columns:
                      - name: a
                        datatype: double
                        mysql:datatype: DOUBLE
                      - name: b
                        datatype: string
                        length: 32
                        mysql:datatype: VARCHAR(64)
                      - name: c
                        datatype: boolean
                        mysql:datatype: BIT(1)
                  - name: u
                    tap:table_index: 1
                    description: u
                    columns:
                      - name: x
                        datatype: int
                        description: x
                        tap:principal: 1
                  - name: w
                    tap:table_index: 1
                    columns:
                      - name: x
                        datatype: int
                        postgresql:datatype: INTEGER
                """);
        assertEquals(0, Cli.felis("validate", f.toString()).exit());
        Cli.Run r = Cli.felis("validate", "--check-description", "--check-redundant-datatypes",
                "--check-tap-table-indexes", "--check-tap-principal", f.toString());
        String o = r.out();
        assertEquals(1, r.exit());
        assertTrue(o.contains("column t.a: 'mysql:datatype: DOUBLE' is a redundant override of 'datatype: double'"),
                o);
        assertFalse(o.contains("column t.b: 'mysql"), o);
        assertFalse(o.contains("column t.c: 'mysql"), o);
        assertTrue(o.contains("column w.x: 'postgresql:datatype: INTEGER' is a redundant override"), o);
        assertTrue(o.contains("schema s: a 'description' is required"), o);
        assertTrue(o.contains("table t: table is missing a 'tap:table_index'"), o);
        assertTrue(o.contains("table t: table 't' has no column with 'tap:principal: 1'"), o);
        assertTrue(o.contains("table w: duplicate 'tap:table_index' value 1"), o);
        assertFalse(o.contains("table u: table 'u' has no column"), o);
    }

    @Test
    void unitsAndUcdsAreChecked() throws IOException {
        Path f = write("units.yaml", HEADER
                + "      - name: a\n        datatype: double\n        ivoa:unit: deg_C\n"
                + "      - name: b\n        datatype: double\n        ivoa:unit: pixel**2\n        ivoa:ucd: pos.eq.ra\n"
                + "      - name: c\n        datatype: double\n        ivoa:unit: asec\n"
                + "      - name: d\n        datatype: double\n        ivoa:ucd: meta.main\n"
                + "      - name: e\n        datatype: double\n        ivoa:unit: deg\n        fits:tunit: deg\n");
        Cli.Run r = Cli.felis("validate", f.toString());
        String o = r.out();
        assertEquals(1, r.exit(), o);
        assertFalse(o.contains("column t.a"), o);
        assertFalse(o.contains("column t.b"), o);
        assertTrue(o.contains("column t.c: invalid unit 'asec'"), o);
        assertTrue(o.contains("column t.d: invalid IVOA UCD 'meta.main'"), o);
        assertTrue(o.contains("column t.e: a column cannot have both 'ivoa:unit' and 'fits:tunit'"), o);
    }

    @Test
    void jsonReport() throws IOException {
        Path f = write("j.yaml", HEADER + "      - name: a\n        datatype: nope\n");
        Cli.Run r = Cli.felis("validate", "--format", "json", f.toString(), Cli.resource("every_type.yaml"));
        assertEquals(1, r.exit());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertFalse(json.get("valid").asBoolean());
        JsonNode first = json.get("files").get(0);
        assertEquals(1, first.get("errors").asInt());
        JsonNode p = first.get("problems").get(0);
        assertEquals("error", p.get("severity").asText());
        assertEquals(6, p.get("line").asInt());
        assertEquals("column t.a", p.get("object").asText());
        assertTrue(json.get("files").get(1).get("valid").asBoolean());
    }

    @Test
    void aliasesAreAcceptedAndStringsStripped() {
        Schema s = Felis.load(Path.of(Cli.resource("aliases.yaml")));
        assertEquals("aliases", s.name());
        Table t = s.tables().get(0);
        assertEquals("InnoDB", t.mysqlEngine());
        assertEquals(1, t.tapTableIndex());
        Column id = t.columns().get(0);
        assertEquals("meta.id;meta.main", id.ivoaUcd());
        assertEquals(1, id.tapPrincipal());
        assertEquals("3", id.votableArraysize());
        Cli.Run r = Cli.felis("validate", Cli.resource("aliases.yaml"));
        assertTrue(r.out().contains("an integer 'votable:arraysize' is deprecated"), r.toString());
    }

    @Test
    void columnRefsImportColumnsWithOverrides() {
        Schema s = Felis.load(Path.of(Cli.resource("refs/release.yaml")));
        Table t = s.tables().get(0);
        assertEquals(3, t.columns().size());
        Column ra = t.columnByName("ra").orElseThrow();
        assertEquals("#Object.ra", ra.id());
        assertEquals("Right ascension (ICRS).", ra.description());
        assertEquals("deg", ra.ivoaUnit());
        assertEquals(1, ra.tapPrincipal());
        assertEquals("coord_ra", ra.importedFrom().column());
        assertEquals("#Object.objectId", t.columns().get(1).id());
        Cli.Run r = Cli.felis("--column-ref-index-increment", "10", "dump", Cli.resource("refs/release.yaml"), "-",
                "--dereference-resources");
        assertTrue(r.out().contains("tap:column_index: 20"), r.toString());
    }

    @Test
    void badColumnRefsAreReported() throws IOException {
        Files.copy(Path.of(Cli.resource("refs/base.yaml")), dir.resolve("base.yaml"));
        Path f = write("rel.yaml", """
                name: rel
                resources:
                  base:
                    uri: base.yaml
                  gone:
                    uri: missing.yaml
                tables:
                  - name: T
                    columns: []
                    columnRefs:
                      base:
                        Object:
                          nosuch:
                        Objet:
                          x:
                      gone:
                        Object:
                          objectId:
                      other:
                        Object:
                          y:
                """);
        Cli.Run r = Cli.felis("validate", f.toString());
        String o = r.out();
        assertEquals(1, r.exit(), o);
        assertTrue(o.contains("table 'Object' of the resource has no column 'nosuch'"), o);
        assertTrue(o.contains("resource 'base' has no table 'Objet'; did you mean 'Object'?"), o);
        assertTrue(o.contains("resource 'gone' points at"), o);
        assertTrue(o.contains("columnRefs names resource 'other', which is not declared"), o);
    }

    @Test
    void reportsWhatPythonFelisReportsWithoutCrashing() throws IOException {
        // Without id generation a missing id must not break the reference checks (it used to end in an NPE).
        Path f = write("noids.yaml", """
                name: s
                "@id": "#s"
                tables:
                  - name: t
                    "@id": "#t"
                    primaryKey: "#t.nope"
                    columns:
                      - name: a
                        datatype: int
                    columnGroups:
                      - name: g
                        "@id": "#t.g"
                        columns: ["#t.a", "#t.a"]
                  - name: u
                    "@id": "#u"
                    columns:
                """);
        Cli.Run r = Cli.felis("--no-id-generation", "validate", f.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("column t.a: missing required key '@id'"), r.toString());
        assertTrue(r.out().contains("is listed twice; the columns of a group must be unique"), r.toString());
        assertTrue(r.out().contains("'columns' must be a list of columns, found null"), r.toString());
        assertFalse(r.err().contains("internal error"), r.toString());
        Cli.Run neg = Cli.felis("--column-ref-index-increment", "-1", "validate", f.toString());
        assertEquals(1, neg.exit());
        assertTrue(neg.err().contains("--column-ref-index-increment must be 0 (off) or positive"), neg.toString());
    }

    @Test
    void yamlMergeKeysWorkAsInPyYaml() throws IOException {
        Path f = write("merge.yaml", """
                name: s
                tables:
                  - name: t
                    columns:
                      - &flux
                        name: f1
                        datatype: float
                        ivoa:unit: nJy
                      - <<: *flux
                        name: f2
                """);
        Cli.Run r = Cli.felis("validate", f.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("nJy", Felis.load(f).tables().get(0).columns().get(1).ivoaUnit());
    }

    @Test
    void timestampOverrideIsRedundantInPostgres() throws IOException {
        Path f = write("ts.yaml", HEADER + "      - name: a\n        datatype: timestamp\n"
                + "        postgresql:datatype: TIMESTAMP\n      - name: b\n        datatype: timestamp\n"
                + "        postgresql:datatype: TIMESTAMP(3)\n");
        Cli.Run r = Cli.felis("validate", "--check-redundant-datatypes", f.toString());
        assertTrue(r.out().contains("column t.a: 'postgresql:datatype: TIMESTAMP' is a redundant override"),
                r.toString());
        assertFalse(r.out().contains("column t.b:"), r.toString());
    }
}
