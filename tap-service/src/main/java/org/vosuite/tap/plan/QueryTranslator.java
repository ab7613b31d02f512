package org.vosuite.tap.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSetOperator;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.vosuite.tap.geometry.GeometryException;
import org.vosuite.tap.geometry.GeometryPredicates;
import org.vosuite.tap.geometry.GeometryRewrite;
import org.vosuite.tap.metadata.TapColumn;
import org.vosuite.tap.metadata.TapMetadata;
import org.vosuite.tap.metadata.TapSchema;
import org.vosuite.tap.metadata.TapTable;

/**
 * Validates a parsed ADQL query against the published tables and writes the SQL the database runs. Calcite is used
 * as a translator only (validate, then write the validated tree as SQL for the dialect — about 0.3 ms), never as
 * an execution engine. The SQL is written from the validated tree rather than through relational algebra
 * (SqlToRel, RelToSql): that round trip took half of the service's CPU in a cone-search benchmark. The validator
 * tells which published column each result column passes through; {@link StoredNames} makes the tree name tables
 * and columns as stored.
 */
public final class QueryTranslator {
    /** The schema uploaded tables are queried in; the SQL names their temporary tables in {@code pg_temp}. */
    public static final String UPLOAD_SCHEMA = "TAP_UPLOAD";

    private final TapMetadata metadata;
    private final CalciteSchema root;
    private final SqlOperatorTable operators;
    private final SqlDialect dialect;

    public QueryTranslator(TapMetadata metadata, SqlOperatorTable adqlOperators, SqlDialect dialect) {
        this.metadata = metadata;
        this.root = PublishedTables.rootSchema(metadata);
        this.operators = SqlOperatorTables.chain(adqlOperators, GeometryPredicates.operatorTable(),
                SqlStdOperatorTable.instance());
        this.dialect = dialect;
    }

    public TapMetadata metadata() {
        return metadata;
    }

    /**
     * @param maxRows when &gt;= 0, the query returns at most this many rows plus one, so the caller can tell a
     *                complete result from a truncated one (QUERY_STATUS OVERFLOW)
     */
    public Translation translate(SqlNode query, long maxRows) throws QueryException {
        return translate(query, maxRows, List.of());
    }

    /**
     * @param uploads the user's uploaded tables (schema TAP_UPLOAD), loaded as temporary tables of the connection
     *                that will run the SQL
     */
    public Translation translate(SqlNode query, long maxRows, List<TapTable> uploads) throws QueryException {
        TapMetadata metadata = this.metadata;
        CalciteSchema root = this.root;
        if (!uploads.isEmpty()) {
            List<TapSchema> schemas = new ArrayList<>(metadata.schemas());
            schemas.add(new TapSchema(UPLOAD_SCHEMA, "tables uploaded with the query", null, null, uploads));
            metadata = new TapMetadata(schemas, metadata.keys(), metadata.fingerprint());
            root = PublishedTables.rootSchema(metadata);
        }
        JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
        CalciteCatalogReader catalog = new CalciteCatalogReader(root, List.of(), types, connectionConfig());
        SqlValidator validator = SqlValidatorUtil.newValidator(operators, catalog, types,
                SqlValidator.Config.DEFAULT.withIdentifierExpansion(true)
                        .withConformance(SqlConformanceEnum.LENIENT));
        DelimitedNames.check(query, metadata);
        StoredNames.matchWithNames(query);
        SqlNode rewritten = GeometryRewrite.apply(query);
        SqlNode limited = maxRows >= 0 ? limit(rewritten, maxRows + 1) : rewritten;
        SqlNode validated;
        try {
            validated = validator.validate(limited);
        } catch (CalciteContextException e) {
            throw new QueryException(Messages.of(e), e.getPosLine(), e.getPosColumn());
        }
        InUnit.apply(validated, validator);
        StoredNames.apply(validated, validator);
        String sql;
        try {
            sql = validated.toSqlString(c -> c.withDialect(dialect).withQuoteAllIdentifiers(true)
                    .withAlwaysUseParentheses(false).withSelectListItemsOnSeparateLines(false)
                    .withIndentation(0)).getSql();
        } catch (GeometryException e) {
            throw new QueryException(e.getMessage(), 0, 0);
        }
        return new Translation(sql, columns(validator, catalog, validated));
    }

    private List<ResultColumn> columns(SqlValidator validator, CalciteCatalogReader catalog, SqlNode validated) {
        RelDataType rowType = validator.getValidatedNodeType(validated);
        List<List<String>> origins = validator.getFieldOrigins(validated);
        SqlNodeList items = selectList(validated);
        List<ResultColumn> out = new ArrayList<>();
        List<RelDataTypeField> fields = rowType.getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            TapColumn origin = null;
            String originTable = null;
            List<String> o = origins.get(i);
            if (o != null && o.size() >= 2) {
                var table = catalog.getTable(o.subList(0, o.size() - 1));
                PublishedTables.MetadataTable t = table == null ? null
                        : table.unwrap(PublishedTables.MetadataTable.class);
                if (t != null) {
                    int ordinal = table.getRowType().getFieldNames().indexOf(o.get(o.size() - 1));
                    origin = ordinal < 0 ? null : t.tapTable().columns().get(ordinal);
                    originTable = origin == null ? null : t.tapTable().qualifiedName();
                }
            }
            String name = fields.get(i).getName();
            // A published column selected without an alias keeps its published spelling, whatever case the
            // query used, so clients can match the FIELD with TAP_SCHEMA.
            if (origin != null && origin.name().equalsIgnoreCase(name)) {
                name = origin.name();
            }
            String geometry = origin == null && items != null && i < items.size() ? geometry(items.get(i)) : null;
            out.add(new ResultColumn(name, fields.get(i).getType(), origin, originTable, geometry));
        }
        return out;
    }

    /** The select list that names the result columns: of the query, or of the first query of a set operation. */
    private static SqlNodeList selectList(SqlNode query) {
        SqlNode q = query;
        while (!(q instanceof SqlSelect)) {
            if (q instanceof SqlOrderBy ob) {
                q = ob.query;
            } else if (q instanceof SqlWith w) {
                q = w.body;
            } else if (q instanceof SqlBasicCall set && set.getOperator() instanceof SqlSetOperator) {
                q = set.operand(0);
            } else {
                return null;
            }
        }
        return ((SqlSelect) q).getSelectList();
    }

    /** The DALI xtype of a select-list item that computes a geometry, else null. */
    private static String geometry(SqlNode item) {
        SqlNode e = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
        if (!(e instanceof SqlCall call)) {
            return null;
        }
        return switch (call.getOperator().getName().toUpperCase(java.util.Locale.ROOT)) {
            case "POINT", "CENTROID", "IVO_HEALPIX_CENTER" -> "point";
            case "CIRCLE" -> "circle";
            case "POLYGON", "BOX" -> "polygon";
            default -> null;
        };
    }

    /** Caps the rows a query returns, keeping a smaller TOP the user gave. */
    static SqlNode limit(SqlNode query, long rows) {
        SqlParserPos pos = query.getParserPosition();
        if (query instanceof SqlSelect select) {
            select.setFetch(min(select.getFetch(), rows, pos));
            return select;
        }
        if (query instanceof SqlOrderBy ob) {
            return new SqlOrderBy(ob.getParserPosition(), ob.query, ob.orderList, ob.offset,
                    min(ob.fetch, rows, pos));
        }
        return new SqlOrderBy(pos, query, SqlNodeList.EMPTY, null, SqlLiteral.createExactNumeric(
                Long.toString(rows), pos));
    }

    private static SqlNode min(SqlNode fetch, long rows, SqlParserPos pos) {
        if (fetch instanceof SqlLiteral lit && lit.getValueAs(Long.class) <= rows) {
            return fetch;
        }
        return SqlLiteral.createExactNumeric(Long.toString(rows), pos);
    }

    private static CalciteConnectionConfig connectionConfig() {
        Properties p = new Properties();
        // ADQL regular identifiers are case-insensitive; the published names are matched whatever the case.
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        return new CalciteConnectionConfigImpl(p);
    }
}
