package org.vosuite.felis.dump;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vosuite.felis.model.CheckConstraint;
import org.vosuite.felis.model.Column;
import org.vosuite.felis.model.ColumnGroup;
import org.vosuite.felis.model.Constraint;
import org.vosuite.felis.model.ForeignKey;
import org.vosuite.felis.model.Index;
import org.vosuite.felis.model.Resource;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.model.SchemaVersion;
import org.vosuite.felis.model.Table;

/**
 * A schema as plain maps and lists in Felis key order, the way felis serialises it (aliases, no nulls, no
 * defaults). Dump, diff and docs all start from this one shape.
 *
 * @param stripIds             leave out {@code @id}s (they are regenerated on reading)
 * @param dereferenceResources write imported columns as ordinary columns and drop {@code resources}/{@code columnRefs}
 * @param sortColumns          sort each table's columns by name
 */
public record SchemaTree(boolean stripIds, boolean dereferenceResources, boolean sortColumns) {
    public static final SchemaTree DEFAULT = new SchemaTree(false, false, false);

    public Map<String, Object> of(Schema s) {
        Map<String, Object> m = base(s.name(), s.id(), s.description(), s.votableUtype());
        if (s.version() != null) {
            m.put("version", version(s.version()));
        }
        if (!s.resources().isEmpty() && !dereferenceResources) {
            Map<String, Object> res = new LinkedHashMap<>();
            for (Resource r : s.resources()) {
                res.put(r.name(), Map.of("uri", r.uri()));
            }
            m.put("resources", res);
        }
        List<Object> tables = new ArrayList<>();
        s.tables().forEach(t -> tables.add(table(t)));
        m.put("tables", tables);
        return m;
    }

    private static Object version(SchemaVersion v) {
        if (v.plain()) {
            return v.current();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("current", v.current());
        if (!v.compatible().isEmpty()) {
            m.put("compatible", v.compatible());
        }
        if (!v.readCompatible().isEmpty()) {
            m.put("read_compatible", v.readCompatible());
        }
        return m;
    }

    public Map<String, Object> table(Table t) {
        Map<String, Object> m = base(t.name(), t.id(), t.description(), t.votableUtype());
        if (!t.primaryKey().isEmpty()) {
            m.put("primaryKey", t.primaryKeyIsList() ? t.primaryKey() : t.primaryKey().get(0));
        }
        put(m, "tap:table_index", t.tapTableIndex());
        if (!Table.DEFAULT_MYSQL_ENGINE.equals(t.mysqlEngine())) {
            m.put("mysql:engine", t.mysqlEngine());
        }
        put(m, "mysql:charset", t.mysqlCharset());
        List<Column> cols = dereferenceResources || t.columnRefs() == null ? t.columns() : t.localColumns();
        if (sortColumns) {
            cols = cols.stream().sorted(Comparator.comparing(Column::name)).toList();
        }
        List<Object> columns = new ArrayList<>();
        cols.forEach(c -> columns.add(column(c)));
        m.put("columns", columns);
        if (!t.columnGroups().isEmpty()) {
            List<Object> groups = new ArrayList<>();
            t.columnGroups().forEach(g -> groups.add(group(g)));
            m.put("columnGroups", groups);
        }
        if (!t.constraints().isEmpty()) {
            List<Object> cs = new ArrayList<>();
            t.constraints().forEach(c -> cs.add(constraint(c)));
            m.put("constraints", cs);
        }
        if (!t.indexes().isEmpty()) {
            List<Object> is = new ArrayList<>();
            t.indexes().forEach(i -> is.add(index(i)));
            m.put("indexes", is);
        }
        if (t.columnRefs() != null && !dereferenceResources) {
            m.put("columnRefs", t.columnRefs());
        }
        return m;
    }

    public Map<String, Object> column(Column c) {
        Map<String, Object> m = base(c.name(), c.id(), c.description(), c.votableUtype());
        put(m, "datatype", c.datatype() == null ? null : c.datatype().felisName());
        put(m, "length", c.length());
        put(m, "precision", c.precision());
        if (!c.nullable()) {
            m.put("nullable", false);
        }
        put(m, "value", c.value());
        put(m, "autoincrement", c.autoincrement());
        put(m, "mysql:datatype", c.mysqlDatatype());
        put(m, "postgresql:datatype", c.postgresqlDatatype());
        put(m, "ivoa:ucd", c.ivoaUcd());
        put(m, "fits:tunit", c.fitsTunit());
        put(m, "ivoa:unit", c.ivoaUnit());
        put(m, "tap:column_index", c.tapColumnIndex());
        if (c.tapPrincipal() != 0) {
            m.put("tap:principal", c.tapPrincipal());
        }
        put(m, "votable:arraysize", c.votableArraysize());
        if (c.tapStd() != 0) {
            m.put("tap:std", c.tapStd());
        }
        put(m, "votable:xtype", c.votableXtype());
        put(m, "votable:datatype", c.votableDatatype());
        return m;
    }

    private Map<String, Object> group(ColumnGroup g) {
        Map<String, Object> m = base(g.name(), g.id(), g.description(), g.votableUtype());
        m.put("columns", g.columns());
        put(m, "ivoa:ucd", g.ivoaUcd());
        return m;
    }

    public Map<String, Object> constraint(Constraint c) {
        Map<String, Object> m = base(c.name(), c.id(), c.description(), c.votableUtype());
        m.put("@type", c.type());
        if (c.deferrable()) {
            m.put("deferrable", true);
        }
        put(m, "initially", c.initially());
        if (c instanceof ForeignKey fk) {
            m.put("columns", fk.columns());
            m.put("referencedColumns", fk.referencedColumns());
            put(m, "on_delete", fk.onDelete());
            put(m, "on_update", fk.onUpdate());
        } else if (c instanceof CheckConstraint k) {
            put(m, "expression", k.expression());
        } else {
            m.put("columns", c.columns());
        }
        return m;
    }

    public Map<String, Object> index(Index i) {
        Map<String, Object> m = base(i.name(), i.id(), i.description(), null);
        if (!i.columns().isEmpty()) {
            m.put("columns", i.columns());
        }
        if (!i.expressions().isEmpty()) {
            m.put("expressions", i.expressions());
        }
        return m;
    }

    private Map<String, Object> base(String name, String id, String description, String utype) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "name", name);
        if (!stripIds) {
            put(m, "@id", id);
        }
        put(m, "description", description);
        put(m, "votable:utype", utype);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
