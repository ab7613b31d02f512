package org.vosuite.felis.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.felis.model.Column;
import org.vosuite.felis.model.ColumnGroup;
import org.vosuite.felis.model.Constraint;
import org.vosuite.felis.model.Datatype;
import org.vosuite.felis.model.ForeignKey;
import org.vosuite.felis.model.Index;
import org.vosuite.felis.model.Location;
import org.vosuite.felis.model.Named;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.model.Table;
import org.vosuite.felis.parse.Suggest;

/**
 * The semantic checks of {@code felis validate} on a schema that was read: every check python felis makes (with
 * the same optional {@code --check-*} switches), plus the reference checks it leaves to {@code create}: primary-key,
 * index and column-group column ids must name columns of their own table.
 */
public final class SchemaChecks {
    private final CheckOptions options;

    public SchemaChecks(CheckOptions options) {
        this.options = options;
    }

    public List<Problem> check(Schema schema) {
        Problems p = new Problems();
        if (schema == null) {
            return p.list();
        }
        describe(p, schema, "schema " + schema.name());
        Map<String, String> tableNames = new HashMap<>();
        Map<String, Location> tableIndexes = new HashMap<>();
        for (Table t : schema.tables()) {
            if (t.name() != null && tableNames.put(t.name(), t.name()) != null) {
                p.error(t.location(), "table " + t.name(), "duplicate table name '" + t.name()
                        + "'; table names must be unique in a schema");
            }
            checkTable(p, schema, t);
            if (options.checkTapTableIndexes() && t.tapTableIndex() != null) {
                Location first = tableIndexes.putIfAbsent(String.valueOf(t.tapTableIndex()), t.location());
                if (first != null) {
                    p.error(t.location(), "table " + t.name(), "duplicate 'tap:table_index' value "
                            + t.tapTableIndex() + " (also used by the table on line " + first.line() + ")");
                }
            }
        }
        checkUniqueNames(p, schema);
        checkUniqueIds(p, schema);
        return p.list();
    }

    private void checkTable(Problems p, Schema schema, Table t) {
        String label = "table " + t.name();
        describe(p, t, label);
        Set<String> names = new HashSet<>();
        for (Column c : t.columns()) {
            if (c.name() != null && !names.add(c.name())) {
                p.error(c.location(), "column " + t.name() + "." + c.name(), "duplicate column name '" + c.name()
                        + "' in table '" + t.name() + "'");
            }
            checkColumn(p, t, c);
        }
        if (options.checkTapTableIndexes() && t.tapTableIndex() == null) {
            p.error(t.location(), label, "table is missing a 'tap:table_index' (required by "
                    + "--check-tap-table-indexes)");
        }
        if (options.checkTapPrincipal() && t.columns().stream().noneMatch(c -> c.tapPrincipal() == 1)) {
            p.error(t.location(), label, "table '" + t.name() + "' has no column with 'tap:principal: 1' "
                    + "(required by --check-tap-principal)");
        }
        for (String pk : t.primaryKey()) {
            columnOfTable(p, schema, t, pk, t.location(), label, "primaryKey");
        }
        for (ColumnGroup g : t.columnGroups()) {
            describe(p, g, "column group " + t.name() + "." + g.name());
            Set<String> seen = new HashSet<>();
            for (String id : g.columns()) {
                columnOfTable(p, schema, t, id, g.location(), "column group " + t.name() + "." + g.name(),
                        "columns");
                if (!seen.add(id)) {
                    p.error(g.location(), "column group " + t.name() + "." + g.name(), "column '" + id
                            + "' is listed twice; the columns of a group must be unique");
                }
            }
            ucd(p, g.ivoaUcd(), g.location(), "column group " + t.name() + "." + g.name());
        }
        for (Index i : t.indexes()) {
            describe(p, i, "index " + i.name());
            for (String id : i.columns()) {
                columnOfTable(p, schema, t, id, i.location(), "index " + i.name(), "columns");
            }
        }
        for (Constraint c : t.constraints()) {
            checkConstraint(p, schema, t, c);
        }
    }

    private void checkColumn(Problems p, Table t, Column c) {
        String label = "column " + t.name() + "." + c.name();
        Location at = c.location();
        describe(p, c, label);
        Datatype type = c.datatype();
        if (type == null) {
            return; // already reported by the reader
        }
        if (type.sized() && c.length() == null) {
            p.error(at, label, "datatype '" + type.felisName() + "' needs a 'length' (for example length: 64)");
        } else if (!type.sized() && c.length() != null && c.importedFrom() == null) {
            p.warning(at, label, "datatype '" + type.felisName() + "' does not take a length; 'length: "
                    + c.length() + "' is ignored");
        }
        if (c.precision() != null && type != Datatype.TIMESTAMP) {
            p.error(at, label, "'precision' is only valid for timestamp columns");
        }
        if (c.value() != null) {
            if (Boolean.TRUE.equals(c.autoincrement())) {
                p.error(at, label, "a column cannot have both a default 'value' and 'autoincrement: true'");
            }
            valueType(type, c.value()).ifPresent(m -> p.error(at, label, m));
        }
        // felis tests truthiness: an empty unit next to the other one is not a conflict
        if (c.ivoaUnit() != null && !c.ivoaUnit().isEmpty() && c.fitsTunit() != null && !c.fitsTunit().isEmpty()) {
            p.error(at, label, "a column cannot have both 'ivoa:unit' and 'fits:tunit'; keep one");
        }
        String unit = c.ivoaUnit() != null && !c.ivoaUnit().isEmpty() ? c.ivoaUnit() : c.fitsTunit();
        if (unit != null) {
            UnitGrammar.problem(unit).ifPresent(m -> p.error(at, label, "invalid unit '" + unit + "': " + m));
        }
        ucd(p, c.ivoaUcd(), at, label);
        if (options.checkRedundantDatatypes()) {
            for (Dialect d : List.of(Dialect.MYSQL, Dialect.POSTGRESQL)) {
                Optional<String> override = d.override(c);
                if (override.isPresent()) {
                    String own = d.defaultType(type, c.length(), c.precision());
                    String over = d.overrideType(override.get(), c.length());
                    if (own.equalsIgnoreCase(over)) {
                        p.error(at, label, "'" + d.overrideKey().orElseThrow() + ": " + override.get()
                                + "' is a redundant override of 'datatype: " + type.felisName() + "'"
                                + (c.length() == null ? "" : " with length " + c.length())
                                + " (both give " + own + " in " + d.cliName() + "); remove it");
                    }
                }
            }
        }
    }

    private static Optional<String> valueType(Datatype type, Object value) {
        if (type.isInteger() && !(value instanceof Long)) {
            return Optional.of("the default 'value' must be an integer for datatype " + type.felisName());
        }
        if (type.isFloating() && !(value instanceof Double)) {
            return Optional.of("the default 'value' must be a decimal number (like 0.0) for datatype "
                    + type.felisName());
        }
        if ((type.isCharacter()) && !(value instanceof String)) {
            return Optional.of("the default 'value' must be a string for datatype " + type.felisName());
        }
        if (type.isCharacter() && ((String) value).isEmpty()) {
            return Optional.of("the default 'value' must be a non-empty string");
        }
        if (type == Datatype.BOOLEAN && !(value instanceof Boolean)) {
            return Optional.of("the default 'value' must be true or false for a boolean column");
        }
        return Optional.empty();
    }

    private void checkConstraint(Problems p, Schema schema, Table t, Constraint c) {
        String label = "constraint " + c.name();
        describe(p, c, label);
        if (c.initially() != null && !c.deferrable()) {
            p.error(c.location(), label, "'initially' can only be used together with 'deferrable: true'");
        }
        for (String id : c.columns()) {
            columnOfTable(p, schema, t, id, c.location(), label, "columns");
        }
        if (c instanceof ForeignKey fk) {
            if (fk.columns().size() != fk.referencedColumns().size()) {
                p.error(fk.location(), label, "'columns' has " + fk.columns().size() + " column(s) but "
                        + "'referencedColumns' has " + fk.referencedColumns().size() + "; they must pair up");
            }
            for (String id : fk.referencedColumns()) {
                if (schema.findColumn(id).isEmpty()) {
                    p.error(fk.location(), label, "referenced column id '" + id + "' is not a column of this schema"
                            + Suggest.didYouMean(id, allColumnIds(schema)));
                }
            }
        }
    }

    /** A column id used by a table-level key (primaryKey, index, constraint, group) must be a column of the table. */
    private void columnOfTable(Problems p, Schema schema, Table t, String id, Location at, String label,
            String key) {
        if (t.columnById(id).isPresent()) {
            return;
        }
        Optional<Schema.ColumnInTable> elsewhere = schema.findColumn(id);
        if (elsewhere.isPresent()) {
            p.error(at, label, "'" + key + "' names column '" + id + "', which belongs to table '"
                    + elsewhere.get().table().name() + "', not to '" + t.name() + "'");
            return;
        }
        if (isOtherObjectId(schema, id)) {
            p.error(at, label, "'" + key + "' names '" + id + "', which is the id of a table or constraint, not "
                    + "of a column");
            return;
        }
        String hint = t.columnByName(id).map(c -> "; column ids are written '" + c.id() + "'")
                .orElse(Suggest.didYouMean(id, t.columns().stream().map(Column::id).toList()));
        p.error(at, label, "'" + key + "' names column id '" + id + "', which is not a column of table '"
                + t.name() + "'" + hint);
    }

    private static boolean isOtherObjectId(Schema schema, String id) {
        for (Table t : schema.tables()) {
            if (id.equals(t.id()) || t.constraints().stream().anyMatch(c -> id.equals(c.id()))) {
                return true;
            }
        }
        return id.equals(schema.id());
    }

    private static List<String> allColumnIds(Schema schema) {
        List<String> ids = new ArrayList<>();
        schema.tables().forEach(t -> t.columns().forEach(c -> ids.add(c.id())));
        return ids;
    }

    /** Constraint and index names become database object names (and TAP_SCHEMA key_ids): unique per schema. */
    private static void checkUniqueNames(Problems p, Schema schema) {
        Map<String, Location> constraints = new HashMap<>();
        Map<String, Location> indexes = new HashMap<>();
        for (Table t : schema.tables()) {
            for (Constraint c : t.constraints()) {
                Location first = c.name() == null ? null : constraints.putIfAbsent(c.name(), c.location());
                if (first != null) {
                    p.error(c.location(), "constraint " + c.name(), "duplicate constraint name '" + c.name()
                            + "' (first on line " + first.line() + "); constraint names must be unique in a schema");
                }
            }
            for (Index i : t.indexes()) {
                Location first = i.name() == null ? null : indexes.putIfAbsent(i.name(), i.location());
                if (first != null) {
                    p.error(i.location(), "index " + i.name(), "duplicate index name '" + i.name()
                            + "' (first on line " + first.line() + "); index names must be unique in a schema");
                }
            }
        }
    }

    private static void checkUniqueIds(Problems p, Schema schema) {
        List<Map.Entry<Named, String>> labelled = new ArrayList<>();
        labelled.add(Map.entry(schema, "schema " + schema.name()));
        for (Table t : schema.tables()) {
            labelled.add(Map.entry(t, "table " + t.name()));
            t.columns().forEach(c -> labelled.add(Map.entry(c, "column " + t.name() + "." + c.name())));
            t.constraints().forEach(c -> labelled.add(Map.entry(c, "constraint " + c.name())));
        }
        Map<String, Map.Entry<Named, String>> seen = new HashMap<>();
        for (Map.Entry<Named, String> e : labelled) {
            Named o = e.getKey();
            if (o.id() == null) {
                continue;
            }
            Map.Entry<Named, String> first = seen.putIfAbsent(o.id(), e);
            if (first != null) {
                p.error(o.location(), e.getValue(), "duplicate id '" + o.id() + "' (also used by "
                        + first.getValue() + " on line " + first.getKey().location().line() + ")");
            }
        }
    }

    private void describe(Problems p, Named o, String label) {
        if (options.checkDescription() && (o.description() == null || o.description().isBlank())) {
            p.error(o.location(), label, "a 'description' is required (--check-description) and must be "
                    + "non-empty");
        }
    }

    private static void ucd(Problems p, String ucd, Location at, String label) {
        if (ucd != null) {
            UcdVocabulary.problem(ucd).ifPresent(m -> p.error(at, label, "invalid IVOA UCD '" + ucd + "': " + m));
        }
    }
}
