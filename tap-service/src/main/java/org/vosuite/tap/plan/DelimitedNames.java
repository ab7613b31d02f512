package org.vosuite.tap.plan;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.vosuite.tap.metadata.TapColumn;
import org.vosuite.tap.metadata.TapMetadata;
import org.vosuite.tap.metadata.TapSchema;
import org.vosuite.tap.metadata.TapTable;

/**
 * ADQL's delimited identifiers are case-sensitive, but Calcite has one case switch for the whole query, set to
 * insensitive for the regular ones. This check refuses a delimited name whose spelling exists only in another case,
 * before Calcite matches it anyway: {@code "COORD_RA"} is not {@code coord_ra}.
 */
final class DelimitedNames {
    private DelimitedNames() {
    }

    static void check(SqlNode query, TapMetadata metadata) throws QueryException {
        Set<String> exact = new HashSet<>();
        for (TapSchema s : metadata.schemas()) {
            exact.add(s.name());
            for (TapTable t : s.tables()) {
                exact.add(t.name());
                for (TapColumn c : t.columns()) {
                    exact.add(PublishedTables.physicalName(c.name()));
                }
            }
        }
        // Names the query itself defines (aliases, WITH names) are exact as written too.
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.AS) {
                    for (int i = 1; i < call.operandCount(); i++) {
                        if (call.operand(i) instanceof SqlIdentifier alias) {
                            exact.addAll(alias.names);
                        }
                    }
                }
                if (call instanceof SqlWithItem w) {
                    exact.add(w.name.getSimple());
                }
                return super.visit(call);
            }
        });
        Set<String> lower = new HashSet<>();
        exact.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
        QueryException[] found = new QueryException[1];
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                for (int i = 0; i < id.names.size() && found[0] == null; i++) {
                    String n = id.names.get(i);
                    if (id.isComponentQuoted(i) && !exact.contains(n)
                            && lower.contains(n.toLowerCase(Locale.ROOT))) {
                        String published = exact.stream().filter(e -> e.equalsIgnoreCase(n)).findFirst()
                                .orElse(n);
                        var pos = id.getComponentParserPosition(i);
                        found[0] = new QueryException("line " + pos.getLineNum() + ", column " + pos.getColumnNum()
                                + ": \"" + n + "\" is a delimited identifier, so its case counts, and no name is "
                                + "spelled that way; write \"" + published + "\" (or " + published
                                + " without quotes)", pos.getLineNum(), pos.getColumnNum());
                    }
                }
                return null;
            }
        });
        if (found[0] != null) {
            throw found[0];
        }
    }
}
