package org.vosuite.tap.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * Makes a validated query tree name things as PostgreSQL stores them, so it can be written as SQL with every name
 * quoted. Calcite matched the regular (case-insensitive) ADQL identifiers against the published names but leaves
 * the tree as written: {@code FROM demo_dr1.object} stays {@code object}, and the alias it derives from it
 * ({@code object}) differs from the qualifier it gives the expanded columns ({@code Object}). Here table
 * references become the stored table names, the derived aliases the stored table name, and every column qualifier
 * the one spelling of its alias.
 */
final class StoredNames {
    private StoredNames() {
    }

    /**
     * Before validation: a WITH query named in FROM in another case than declared ({@code WITH Near … FROM NEAR})
     * gets the declared spelling, since Calcite looks WITH names up case-sensitively whatever its case setting.
     */
    static void matchWithNames(SqlNode query) {
        Map<String, String> declared = new HashMap<>();
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlWithItem w) {
                    declared.put(key(w.name.getSimple()), w.name.getSimple());
                }
                if (call instanceof SqlSelect s && s.getFrom() != null) {
                    withReferences(s.getFrom(), declared);
                }
                return super.visit(call);
            }
        });
    }

    private static void withReferences(SqlNode item, Map<String, String> declared) {
        if (item instanceof SqlJoin join) {
            withReferences(join.getLeft(), declared);
            withReferences(join.getRight(), declared);
        } else if (item.getKind() == SqlKind.AS) {
            withReferences(((SqlCall) item).operand(0), declared);
        } else if (item instanceof SqlIdentifier id && id.isSimple()) {
            String name = declared.get(key(id.getSimple()));
            if (name != null) {
                id.setNames(List.of(name), null);
            }
        }
    }

    static void apply(SqlNode validated, SqlValidator validator) {
        Map<String, String> aliases = new HashMap<>();
        Set<SqlIdentifier> tableRefs = Collections.newSetFromMap(new IdentityHashMap<>());
        validated.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlWithItem w) {
                    aliases.put(key(w.name.getSimple()), w.name.getSimple());
                }
                if (call instanceof SqlSelect s && s.getFrom() != null) {
                    from(s.getFrom(), validator, aliases, tableRefs);
                }
                return super.visit(call);
            }
        });
        validated.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                if (id.names.size() >= 2 && !tableRefs.contains(id)) {
                    int q = id.names.size() - 2;
                    String canonical = aliases.get(key(id.names.get(q)));
                    if (canonical != null && !canonical.equals(id.names.get(q))) {
                        List<String> names = new ArrayList<>(id.names);
                        names.set(q, canonical);
                        id.setNames(names, null);
                    }
                }
                return null;
            }
        });
    }

    private static void from(SqlNode item, SqlValidator validator, Map<String, String> aliases,
            Set<SqlIdentifier> tableRefs) {
        if (item instanceof SqlJoin join) {
            from(join.getLeft(), validator, aliases, tableRefs);
            from(join.getRight(), validator, aliases, tableRefs);
        } else if (item.getKind() == SqlKind.AS) {
            SqlCall as = (SqlCall) item;
            SqlIdentifier alias = as.operand(1);
            if (as.operand(0) instanceof SqlIdentifier table) {
                String written = table.names.get(table.names.size() - 1);
                String stored = table(table, as, validator, aliases, tableRefs);
                if (stored != null && alias.isSimple() && alias.getSimple().equals(written)) {
                    // the alias Calcite derived from the name as written: use the stored name instead
                    alias.setNames(List.of(stored), null);
                }
            }
            aliases.put(key(alias.getSimple()), alias.getSimple());
        } else if (item instanceof SqlIdentifier table) {
            table(table, item, validator, aliases, tableRefs);
        }
    }

    /** Rewrites a table reference to the stored names; returns the stored table name (null if unresolved). */
    private static String table(SqlIdentifier table, SqlNode fromItem, SqlValidator validator,
            Map<String, String> aliases, Set<SqlIdentifier> tableRefs) {
        tableRefs.add(table);
        SqlValidatorNamespace ns = validator.getNamespace(table);
        if (ns == null) {
            ns = validator.getNamespace(fromItem);
        }
        SqlValidatorTable resolved = ns == null ? null : ns.getTable();
        if (resolved != null) {
            List<String> q = resolved.getQualifiedName();
            String stored = q.get(q.size() - 1);
            // an uploaded table is a temporary table of the connection
            table.setNames(q.size() == 2 && q.get(0).equals(QueryTranslator.UPLOAD_SCHEMA)
                    ? List.of("pg_temp", stored) : q, null);
            return stored;
        }
        if (table.isSimple()) { // a WITH query named in FROM
            String canonical = aliases.get(key(table.getSimple()));
            if (canonical != null) {
                table.setNames(List.of(canonical), null);
                return canonical;
            }
        }
        return null;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
