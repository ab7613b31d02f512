package org.vosuite.felis.parse;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vosuite.felis.check.Problems;
import org.vosuite.felis.model.CheckConstraint;
import org.vosuite.felis.model.Column;
import org.vosuite.felis.model.ColumnGroup;
import org.vosuite.felis.model.ColumnImport;
import org.vosuite.felis.model.Constraint;
import org.vosuite.felis.model.Datatype;
import org.vosuite.felis.model.ForeignKey;
import org.vosuite.felis.model.Index;
import org.vosuite.felis.model.Location;
import org.vosuite.felis.model.Resource;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.model.SchemaVersion;
import org.vosuite.felis.model.Table;
import org.vosuite.felis.model.UniqueConstraint;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a Felis YAML file into the immutable {@link Schema} model. This is the structural half of validation: YAML
 * syntax, key names, value types, required keys, id generation, derived VOTable attributes and {@code columnRefs}
 * imports. The semantic checks (references, uniqueness, units, UCDs, the optional {@code --check-*} rules) run on
 * the result in {@code org.vosuite.felis.check.SchemaChecks}.
 */
public final class FelisReader {
    private static final List<String> CONSTRAINT_TYPES = List.of("ForeignKey", "Unique", "Check");
    private static final List<String> REFERENTIAL_ACTIONS =
            List.of("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION");

    private final ReadOptions options;
    /** Resources already read in this run, so a base schema imported by many tables is parsed once. */
    private final Map<Path, ReadResult> resourceCache;
    private final Deque<Path> reading;

    public FelisReader(ReadOptions options) {
        this(options, new HashMap<>(), new ArrayDeque<>());
    }

    private FelisReader(ReadOptions options, Map<Path, ReadResult> cache, Deque<Path> reading) {
        this.options = options;
        this.resourceCache = cache;
        this.reading = reading;
    }

    public ReadResult read(Path file) {
        Problems problems = new Problems();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.error(new Location(file.toString(), 0), "", "file not found");
            return new ReadResult(null, problems.list());
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.error(new Location(file.toString(), 0), "", "cannot read the file: " + e.getMessage());
            return new ReadResult(null, problems.list());
        }
        Path base = file.toAbsolutePath().getParent();
        reading.push(file.toAbsolutePath().normalize());
        try {
            return read(file.toString(), new StringReader(text), base);
        } finally {
            reading.pop();
        }
    }

    /** Reads YAML text; {@code baseDir} resolves relative resource URIs. */
    public ReadResult read(String fileLabel, Reader yaml, Path baseDir) {
        Problems problems = new Problems();
        Node root;
        try {
            LoaderOptions lo = new LoaderOptions();
            lo.setCodePointLimit(256 * 1024 * 1024);
            lo.setAllowDuplicateKeys(true); // we report duplicates ourselves, with both line numbers
            root = new Yaml(lo).compose(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            problems.error(new Location(fileLabel, line), "", "not valid YAML: " + what + context);
            return new ReadResult(null, problems.list());
        } catch (YAMLException e) {
            problems.error(new Location(fileLabel, 0), "", "not valid YAML: " + e.getMessage());
            return new ReadResult(null, problems.list());
        }
        if (root == null) {
            problems.error(new Location(fileLabel, 0), "", "the file is empty; a Felis schema needs at least "
                    + "'name' and 'tables'");
            return new ReadResult(null, problems.list());
        }
        Schema schema = new SchemaBuilder(fileLabel, baseDir, problems).build(root);
        return new ReadResult(schema, problems.list());
    }

    /** Builds one schema; holds the per-file state. */
    private final class SchemaBuilder {
        private final String file;
        private final Path baseDir;
        private final Problems problems;
        private final Map<String, Resource> resources = new LinkedHashMap<>();

        SchemaBuilder(String file, Path baseDir, Problems problems) {
            this.file = file;
            this.baseDir = baseDir;
            this.problems = problems;
        }

        Schema build(Node root) {
            YamlObject y = new YamlObject(file, root, "schema ", true, Keys.SCHEMA, problems);
            if (!y.isMapping()) {
                return null;
            }
            String name = y.requiredString("name");
            String id = id(y, "#" + name);
            if (!y.written("tables")) {
                y.error("tables", "missing required key 'tables'");
            } else if (!y.has("tables")) {
                y.error("tables", "'tables' must be a list of tables, found null");
            }
            SchemaVersion version = version(y);
            readResources(y);
            List<Table> tables = new ArrayList<>();
            for (Node tn : y.list("tables")) {
                Table t = table(tn);
                if (t != null) {
                    tables.add(t);
                }
            }
            return new Schema(name, id, y.string("description"), y.string("votable:utype"), version,
                    List.copyOf(resources.values()), tables, y.location());
        }

        private String id(YamlObject y, String generated) {
            String id = y.string("@id");
            if (id != null) {
                return id;
            }
            if (options.idGeneration()) {
                return generated;
            }
            y.error("@id", "missing required key '@id' (ids are required with --no-id-generation; the generated "
                    + "id would be '" + generated + "')");
            return null;
        }

        private SchemaVersion version(YamlObject y) {
            Node n = y.node("version");
            if (n == null) {
                return null;
            }
            if (n instanceof ScalarNode s) {
                if (!s.getTag().equals(Tag.STR)) {
                    y.error("version", "'version' must be a string (quote it: version: \"" + s.getValue()
                            + "\") or a mapping with 'current', 'compatible' and 'read_compatible'");
                    return null;
                }
                return SchemaVersion.of(s.getValue().strip());
            }
            YamlObject v = new YamlObject(file, n, y.label() + " version", false, Keys.VERSION, problems);
            if (!v.isMapping()) {
                return null;
            }
            String current = v.requiredString("current");
            List<String> compatible = v.stringList("compatible");
            List<String> read = v.stringList("read_compatible");
            return new SchemaVersion(current, compatible == null ? List.of() : compatible,
                    read == null ? List.of() : read, false);
        }

        private void readResources(YamlObject y) {
            for (Map.Entry<String, Node> e : y.mapping("resources").entrySet()) {
                YamlObject r = new YamlObject(file, e.getValue(), "resource " + e.getKey(), false, Keys.RESOURCE, problems);
                if (r.isMapping()) {
                    String uri = r.requiredString("uri");
                    if (uri != null) {
                        resources.put(e.getKey(), new Resource(e.getKey(), uri));
                    }
                }
            }
        }

        private Table table(Node tn) {
            YamlObject y = new YamlObject(file, tn, "table ", true, Keys.TABLE, problems);
            if (!y.isMapping()) {
                return null;
            }
            String name = y.requiredString("name");
            String label = y.label();
            String tableName = name == null ? "?" : name;
            String id = id(y, "#" + name);
            if (!y.written("columns") && !y.written("columnRefs")) {
                y.error("columns", "missing required key 'columns'");
            } else if (y.written("columns") && !y.has("columns")) {
                y.error("columns", "'columns' must be a list of columns, found null");
            }
            List<Column> columns = new ArrayList<>();
            for (Node cn : y.list("columns")) {
                Column c = column(cn, tableName);
                if (c != null) {
                    columns.add(c);
                }
            }
            Map<String, Object> columnRefs = null;
            if (y.has("columnRefs")) {
                columnRefs = new LinkedHashMap<>();
                columns.addAll(importColumns(y, tableName, id, columnRefs));
            }
            List<String> pk = y.stringOrList("primaryKey");
            boolean pkIsList = y.node("primaryKey") != null && !(y.node("primaryKey") instanceof ScalarNode);
            List<ColumnGroup> groups = new ArrayList<>();
            for (Node gn : y.list("columnGroups")) {
                ColumnGroup g = columnGroup(gn, tableName);
                if (g != null) {
                    groups.add(g);
                }
            }
            List<Constraint> constraints = new ArrayList<>();
            for (Node kn : y.list("constraints")) {
                Constraint c = constraint(kn, label);
                if (c != null) {
                    constraints.add(c);
                }
            }
            List<Index> indexes = new ArrayList<>();
            for (Node in : y.list("indexes")) {
                Index i = index(in, label);
                if (i != null) {
                    indexes.add(i);
                }
            }
            String engine = y.string("mysql:engine");
            return new Table(name, id, y.string("description"), y.string("votable:utype"),
                    pk == null ? List.of() : pk, pkIsList, y.integer("tap:table_index"),
                    engine == null ? Table.DEFAULT_MYSQL_ENGINE : engine, y.string("mysql:charset"), columns,
                    groups, constraints, indexes, columnRefs, y.location());
        }

        private Column column(Node cn, String tableName) {
            YamlObject y = new YamlObject(file, cn, "column " + tableName + ".", true, Keys.COLUMN, problems);
            if (!y.isMapping()) {
                return null;
            }
            String name = y.requiredString("name");
            String id = id(y, "#" + tableName + "." + name);
            Datatype datatype = datatype(y);
            Integer length = y.integer("length");
            if (length != null && length <= 0) {
                y.error("length", "'length' must be greater than 0, found " + length);
            }
            Integer precision = y.integer("precision");
            if (precision != null && precision < 0) {
                y.error("precision", "'precision' must be 0 or more, found " + precision);
            }
            Boolean nullable = y.bool("nullable");
            int principal = zeroOrOne(y, "tap:principal");
            int std = zeroOrOne(y, "tap:std");

            boolean explicitArraysize = y.written("votable:arraysize");
            String arraysize = null;
            if (explicitArraysize) {
                Node an = y.node("votable:arraysize");
                if (an instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
                    y.warning("votable:arraysize", "an integer 'votable:arraysize' is deprecated; write it as a "
                            + "string: votable:arraysize: \"" + s.getValue() + "\"");
                    arraysize = s.getValue();
                } else {
                    arraysize = y.string("votable:arraysize");
                }
            } else if (datatype != null) {
                arraysize = defaultArraysize(datatype, length, options.forceUnboundedArraysize());
            }
            boolean explicitXtype = y.written("votable:xtype");
            String xtype = y.string("votable:xtype");
            if (!explicitXtype && datatype == Datatype.TIMESTAMP) {
                xtype = "timestamp";
            }
            return new Column(name, id, y.string("description"), y.string("votable:utype"), datatype, length,
                    precision, nullable == null || nullable, y.scalar("value"), y.bool("autoincrement"),
                    y.string("ivoa:ucd"), y.string("ivoa:unit"), y.string("fits:tunit"), principal, std,
                    y.integer("tap:column_index"), arraysize, explicitArraysize, xtype, explicitXtype,
                    y.string("votable:datatype"), y.string("mysql:datatype"), y.string("postgresql:datatype"),
                    null, y.location());
        }

        private Datatype datatype(YamlObject y) {
            if (!y.written("datatype")) {
                y.error("datatype", "missing required key 'datatype' (one of " + Datatype.allNames() + ")");
                return null;
            }
            String dt = y.string("datatype");
            if (dt == null) {
                return null;
            }
            return Datatype.fromFelisName(dt).orElseGet(() -> {
                List<String> names = java.util.Arrays.stream(Datatype.values()).map(Datatype::felisName).toList();
                y.error("datatype", "unknown datatype '" + dt + "'" + Suggest.didYouMean(dt, names)
                        + " (one of " + Datatype.allNames() + ")");
                return null;
            });
        }

        private int zeroOrOne(YamlObject y, String key) {
            Integer v = y.integer(key);
            if (v == null) {
                Node n = y.node(key);
                if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
                    return Boolean.parseBoolean(s.getValue()) ? 1 : 0;
                }
                return 0;
            }
            if (v != 0 && v != 1) {
                y.error(key, "'" + key + "' must be 0 or 1, found " + v);
                return 0;
            }
            return v;
        }

        private ColumnGroup columnGroup(Node gn, String tableName) {
            YamlObject y = new YamlObject(file, gn, "column group " + tableName + ".", true, Keys.COLUMN_GROUP,
                    problems);
            if (!y.isMapping()) {
                return null;
            }
            String name = y.requiredString("name");
            String id = id(y, "#" + tableName + "." + name);
            List<String> cols = y.stringList("columns");
            if (cols == null || cols.isEmpty()) {
                y.error("columns", "a column group needs at least one column id in 'columns'");
            }
            return new ColumnGroup(name, id, y.string("description"), y.string("votable:utype"),
                    y.string("ivoa:ucd"), cols == null ? List.of() : cols, y.location());
        }

        private Constraint constraint(Node kn, String tableLabel) {
            // The @type decides which keys are allowed, so look at it before checking keys.
            String type = null;
            YamlObject probe = new YamlObject(file, kn, "constraint in " + tableLabel, false,
                    Keys.FOREIGN_KEY.plus("expression"), new Problems());
            if (!probe.isMapping()) {
                problems.error(probe.location(), "constraint in " + tableLabel, "expected a mapping");
                return null;
            }
            if (probe.node("@type") instanceof ScalarNode s) {
                type = s.getValue().strip();
            }
            Keys keys = "Unique".equals(type) ? Keys.UNIQUE : "Check".equals(type) ? Keys.CHECK
                    : "ForeignKey".equals(type) ? Keys.FOREIGN_KEY : Keys.CONSTRAINT.plus("columns",
                            "referencedColumns|referenced_columns", "on_delete", "on_update", "expression");
            YamlObject y = new YamlObject(file, kn, "constraint ", true, keys, problems);
            String name = y.requiredString("name");
            String id = id(y, "#" + name);
            if (type == null) {
                y.error("@type", "missing required key '@type' (one of ForeignKey, Unique, Check)");
                return null;
            }
            if (!CONSTRAINT_TYPES.contains(type)) {
                y.error("@type", "unknown constraint type '" + type + "'" + Suggest.didYouMean(type, CONSTRAINT_TYPES)
                        + " (one of ForeignKey, Unique, Check)");
                return null;
            }
            Boolean deferrableValue = y.bool("deferrable");
            boolean deferrable = deferrableValue != null && deferrableValue;
            String initially = y.string("initially");
            if (initially != null && !initially.equals("IMMEDIATE") && !initially.equals("DEFERRED")) {
                y.error("initially", "'initially' must be IMMEDIATE or DEFERRED, found '" + initially + "'");
            }
            String description = y.string("description");
            String utype = y.string("votable:utype");
            switch (type) {
                case "ForeignKey" -> {
                    List<String> cols = requiredIds(y, "columns");
                    List<String> refs = requiredIds(y, "referencedColumns");
                    return new ForeignKey(name, id, description, utype, deferrable, initially, cols, refs,
                            action(y, "on_delete"), action(y, "on_update"), y.location());
                }
                case "Unique" -> {
                    return new UniqueConstraint(name, id, description, utype, deferrable, initially,
                            requiredIds(y, "columns"), y.location());
                }
                default -> {
                    String expression = y.string("expression");
                    if (expression == null || expression.isEmpty()) {
                        y.error("expression", "a Check constraint needs an 'expression'");
                    }
                    return new CheckConstraint(name, id, description, utype, deferrable, initially, expression,
                            y.location());
                }
            }
        }

        private String action(YamlObject y, String key) {
            String a = y.string(key);
            if (a != null && !REFERENTIAL_ACTIONS.contains(a)) {
                y.error(key, "'" + key + "' must be one of " + String.join(", ", REFERENTIAL_ACTIONS) + ", found '"
                        + a + "'");
            }
            return a;
        }

        private List<String> requiredIds(YamlObject y, String key) {
            List<String> ids = y.stringList(key);
            if (ids == null || ids.isEmpty()) {
                y.error(key, "'" + key + "' needs at least one column id");
                return List.of();
            }
            return ids;
        }

        private Index index(Node in, String tableLabel) {
            YamlObject y = new YamlObject(file, in, "index ", true, Keys.INDEX, problems);
            if (!y.isMapping()) {
                return null;
            }
            String name = y.requiredString("name");
            String id = id(y, "#" + name);
            List<String> cols = y.stringList("columns");
            List<String> exprs = y.stringList("expressions");
            boolean hasCols = cols != null && !cols.isEmpty();
            boolean hasExprs = exprs != null && !exprs.isEmpty();
            if (hasCols && hasExprs) {
                y.error("expressions", "an index has either 'columns' or 'expressions', not both");
            } else if (!hasCols && !hasExprs) {
                y.error("columns", "an index needs 'columns' (column ids) or 'expressions' (SQL)");
            }
            return new Index(name, id, y.string("description"), cols == null ? List.of() : cols,
                    exprs == null ? List.of() : exprs, y.location());
        }

        /**
         * Imports the columns named in {@code columnRefs: {resource: {table: {localName: null | {ref_name,
         * overrides}}}}}. Imported columns follow the local ones and get the id {@code <table id>.<localName>}.
         */
        private List<Column> importColumns(YamlObject y, String tableName, String tableId,
                Map<String, Object> rawRefs) {
            List<Column> out = new ArrayList<>();
            for (Map.Entry<String, Node> byResource : y.mapping("columnRefs").entrySet()) {
                String resourceName = byResource.getKey();
                Map<String, Object> rawTables = new LinkedHashMap<>();
                rawRefs.put(resourceName, rawTables);
                Resource resource = resources.get(resourceName);
                Location at = y.location(byResource.getValue());
                Schema source = null;
                if (resource == null) {
                    problems.error(at, y.label(), "columnRefs names resource '" + resourceName
                            + "', which is not declared under the schema's 'resources'"
                            + Suggest.didYouMean(resourceName, resources.keySet()));
                } else {
                    source = loadResource(resource, at, y.label());
                }
                int counter = 0;
                for (Map.Entry<String, Node> byTable : y.mappingOf(byResource.getValue(), "columnRefs."
                        + resourceName).entrySet()) {
                    Map<String, Object> rawCols = new LinkedHashMap<>();
                    rawTables.put(byTable.getKey(), rawCols);
                    Table sourceTable = null;
                    if (source != null) {
                        sourceTable = source.table(byTable.getKey()).orElse(null);
                        if (sourceTable == null) {
                            problems.error(y.location(byTable.getValue()), y.label(), "resource '" + resourceName
                                    + "' has no table '" + byTable.getKey() + "'" + Suggest.didYouMean(
                                            byTable.getKey(), source.tables().stream().map(Table::name).toList()));
                        }
                    }
                    for (Map.Entry<String, Node> byColumn : y.mappingOf(byTable.getValue(), "columnRefs."
                            + resourceName + "." + byTable.getKey()).entrySet()) {
                        counter++;
                        Column c = importColumn(y, tableName, tableId, resourceName, sourceTable, byColumn,
                                rawCols, counter);
                        if (c != null) {
                            out.add(c);
                        }
                    }
                }
            }
            return out;
        }

        private Column importColumn(YamlObject tableY, String tableName, String tableId, String resourceName,
                Table sourceTable, Map.Entry<String, Node> entry, Map<String, Object> rawCols, int counter) {
            String localName = entry.getKey();
            Node spec = entry.getValue();
            String label = "column " + tableName + "." + localName;
            String refName = localName;
            YamlObject overrides = null;
            Map<String, Object> rawSpec = null;
            if (!YamlObject.isNull(spec)) {
                YamlObject ref = new YamlObject(file, spec, label, false, Keys.COLUMN_REF, problems);
                if (!ref.isMapping()) {
                    return null;
                }
                rawSpec = new LinkedHashMap<>();
                if (ref.string("ref_name") != null) {
                    refName = ref.string("ref_name");
                    rawSpec.put("ref_name", refName);
                }
                Node on = ref.node("overrides");
                if (on != null) {
                    overrides = new YamlObject(file, on, label + " overrides", false, Keys.OVERRIDES, problems);
                    rawSpec.put("overrides", plain(on));
                    for (String k : List.of("datatype", "length", "nullable", "tap:principal")) {
                        if (overrides.written(k) && !overrides.has(k)) {
                            overrides.error(k, "override of '" + k + "' cannot be null");
                        }
                    }
                }
            }
            rawCols.put(localName, rawSpec);
            if (sourceTable == null) {
                return null;
            }
            Column src = sourceTable.columnByName(refName).orElse(null);
            Location at = tableY.location(spec);
            if (src == null) {
                problems.error(at, label, "table '" + sourceTable.name() + "' of the resource has no column '"
                        + refName + "'" + Suggest.didYouMean(refName,
                                sourceTable.columns().stream().map(Column::name).toList()));
                return null;
            }
            Datatype datatype = src.datatype();
            Integer length = src.length();
            String description = src.description();
            boolean nullable = src.nullable();
            int principal = src.tapPrincipal();
            Integer columnIndex = src.tapColumnIndex();
            if (options.columnRefIndexIncrement() > 0) {
                columnIndex = counter * options.columnRefIndexIncrement();
            }
            if (overrides != null && overrides.isMapping()) {
                if (overrides.has("datatype")) {
                    Datatype d = datatype(overrides);
                    datatype = d == null ? datatype : d;
                }
                if (overrides.has("length")) {
                    length = overrides.integer("length");
                }
                if (overrides.has("description")) {
                    description = overrides.string("description");
                }
                if (overrides.has("nullable")) {
                    Boolean b = overrides.bool("nullable");
                    nullable = b == null ? nullable : b;
                }
                if (overrides.has("tap:principal")) {
                    principal = zeroOrOne(overrides, "tap:principal");
                }
                if (overrides.written("tap:column_index")) {
                    columnIndex = overrides.integer("tap:column_index");
                }
            }
            String arraysize = src.explicitArraysize() ? src.votableArraysize()
                    : datatype == null ? null : defaultArraysize(datatype, length, options.forceUnboundedArraysize());
            String xtype = src.explicitXtype() ? src.votableXtype()
                    : datatype == Datatype.TIMESTAMP ? "timestamp" : null;
            return new Column(localName, tableId + "." + localName, description, src.votableUtype(), datatype,
                    length, src.precision(), nullable, src.value(), src.autoincrement(), src.ivoaUcd(),
                    src.ivoaUnit(), src.fitsTunit(), principal, src.tapStd(), columnIndex, arraysize,
                    src.explicitArraysize(), xtype, src.explicitXtype(), src.votableDatatype(),
                    src.mysqlDatatype(), src.postgresqlDatatype(),
                    new ColumnImport(resourceName, sourceTable.name(), refName), at);
        }

        private Schema loadResource(Resource resource, Location at, String label) {
            String uri = resource.uri();
            if (uri.startsWith("file://")) {
                uri = uri.substring("file://".length());
            } else if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
                problems.error(at, label, "resource '" + resource.name() + "' has URI '" + resource.uri()
                        + "'; only file paths (absolute or relative to this file) and file:// URIs are supported");
                return null;
            }
            Path path = baseDir == null ? Path.of(uri) : baseDir.resolve(uri);
            path = path.toAbsolutePath().normalize();
            if (reading.contains(path)) {
                problems.error(at, label, "resource '" + resource.name() + "' (" + path + ") imports itself, "
                        + "directly or through other resources");
                return null;
            }
            ReadResult r = resourceCache.get(path);
            if (r == null) {
                if (!Files.isRegularFile(path)) {
                    problems.error(at, label, "resource '" + resource.name() + "' points at " + path
                            + ", which does not exist");
                    return null;
                }
                r = new FelisReader(options, resourceCache, reading).read(path);
                resourceCache.put(path, r);
                // The referenced file's own problems are reported once, under its own name.
                problems.addAll(r.problems());
            }
            return r.schema();
        }
    }

    /** felis's arraysize rule: char(n) → "n"; string/unicode/binary(n) → "n*" (or "*"); text, timestamp → "*". */
    public static String defaultArraysize(Datatype datatype, Integer length, boolean forceUnbounded) {
        if (length != null && length > 1) {
            if (datatype == Datatype.CHAR) {
                return String.valueOf(length);
            }
            if (datatype == Datatype.STRING || datatype == Datatype.UNICODE || datatype == Datatype.BINARY) {
                return forceUnbounded ? "*" : length + "*";
            }
        } else if (datatype == Datatype.TIMESTAMP || datatype == Datatype.TEXT) {
            return "*";
        }
        return null;
    }

    /** A YAML node as plain Java values, for keeping blocks that dump writes back unchanged. */
    static Object plain(Node n) {
        if (n instanceof ScalarNode s) {
            if (s.getTag().equals(Tag.NULL)) {
                return null;
            }
            if (s.getTag().equals(Tag.INT)) {
                try {
                    return Long.valueOf(s.getValue());
                } catch (NumberFormatException e) {
                    return s.getValue();
                }
            }
            if (s.getTag().equals(Tag.BOOL)) {
                return Boolean.valueOf(s.getValue().equalsIgnoreCase("true"));
            }
            return s.getValue().strip();
        }
        if (n instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
            List<Object> l = new ArrayList<>();
            seq.getValue().forEach(i -> l.add(plain(i)));
            return l;
        }
        if (n instanceof org.yaml.snakeyaml.nodes.MappingNode m) {
            Map<String, Object> map = new LinkedHashMap<>();
            YamlObject.tuples(m).forEach(t -> map.put(((ScalarNode) t.getKeyNode()).getValue(),
                    plain(t.getValueNode())));
            return map;
        }
        return null;
    }
}
