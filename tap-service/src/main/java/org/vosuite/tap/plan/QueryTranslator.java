package org.vosuite.tap.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlDialect;
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
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.vosuite.tap.geometry.GeometryException;
import org.vosuite.tap.geometry.GeometryPredicates;
import org.vosuite.tap.geometry.GeometryRewrite;
import org.vosuite.tap.metadata.TapColumn;
import org.vosuite.tap.metadata.TapMetadata;

/**
 * Validates a parsed ADQL query against the published tables and writes the SQL the database runs. Calcite is used
 * as a translator only (validate, convert to relational algebra, write SQL for the dialect — about 2 ms), never as
 * an execution engine. Going through relational algebra means the SQL always names tables and columns as they are
 * stored, and tells us which published column each result column passes through.
 */
public final class QueryTranslator {
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
        JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
        CalciteCatalogReader catalog = new CalciteCatalogReader(root, List.of(), types, connectionConfig());
        SqlValidator validator = SqlValidatorUtil.newValidator(operators, catalog, types,
                SqlValidator.Config.DEFAULT.withIdentifierExpansion(true)
                        .withConformance(SqlConformanceEnum.LENIENT));
        DelimitedNames.check(query, metadata);
        SqlNode rewritten = GeometryRewrite.apply(query);
        SqlNode limited = maxRows >= 0 ? limit(rewritten, maxRows + 1) : rewritten;
        SqlNode validated;
        try {
            validated = validator.validate(limited);
        } catch (CalciteContextException e) {
            throw new QueryException(Messages.of(e), e.getPosLine(), e.getPosColumn());
        }
        RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()),
                new RexBuilder(types));
        SqlToRelConverter converter = new SqlToRelConverter((rowType, queryString, schemaPath, viewPath) -> null,
                validator, catalog, cluster, StandardConvertletTable.INSTANCE,
                SqlToRelConverter.config().withTrimUnusedFields(false).withExpand(false));
        RelRoot relRoot = converter.convertQuery(validated, false, true);
        RelNode rel = relRoot.project();
        String sql;
        try {
            sql = new RelToSqlConverter(dialect).visitRoot(rel).asStatement().toSqlString(dialect).getSql();
        } catch (GeometryException e) {
            throw new QueryException(e.getMessage(), 0, 0);
        }
        return new Translation(sql, columns(rel, relRoot.validatedRowType));
    }

    private List<ResultColumn> columns(RelNode rel, RelDataType rowType) {
        RelMetadataQuery mq = rel.getCluster().getMetadataQuery();
        List<ResultColumn> out = new ArrayList<>();
        List<RelDataTypeField> fields = rowType.getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            TapColumn origin = null;
            Set<RelColumnOrigin> origins = mq.getColumnOrigins(rel, i);
            if (origins != null && origins.size() == 1) {
                RelColumnOrigin o = origins.iterator().next();
                PublishedTables.MetadataTable t = o.getOriginTable().unwrap(PublishedTables.MetadataTable.class);
                if (!o.isDerived() && t != null) {
                    origin = t.tapTable().columns().get(o.getOriginColumnOrdinal());
                }
            }
            String name = fields.get(i).getName();
            // A published column selected without an alias keeps its published spelling, whatever case the
            // query used, so clients can match the FIELD with TAP_SCHEMA.
            if (origin != null && origin.name().equalsIgnoreCase(name)) {
                name = origin.name();
            }
            out.add(new ResultColumn(name, fields.get(i).getType(), origin));
        }
        return out;
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
