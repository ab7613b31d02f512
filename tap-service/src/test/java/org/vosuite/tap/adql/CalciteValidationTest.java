package org.vosuite.tap.adql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The trees go through Calcite's validator with {@link AdqlOperators} chained before the standard operators, as
 * the translation step will do: proof that the parser builds nodes Calcite understands.
 */
class CalciteValidationTest {

    private static SqlValidator validator() {
        SchemaPlus root = CalciteSchema.createRootSchema(false).plus();
        SchemaPlus dp1 = root.add("dp1", new AbstractSchema());
        dp1.add("Object", new AbstractTable() {
            @Override
            public RelDataType getRowType(RelDataTypeFactory f) {
                return f.builder().add("objectId", SqlTypeName.BIGINT).add("coord_ra", SqlTypeName.DOUBLE)
                        .add("coord_dec", SqlTypeName.DOUBLE).add("flags", SqlTypeName.BIGINT)
                        .add("name", SqlTypeName.VARCHAR, 64).add("r_psfFlux", SqlTypeName.DOUBLE).build();
            }
        });
        JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
        Properties props = new Properties();
        props.setProperty("caseSensitive", "false");
        CalciteCatalogReader catalog = new CalciteCatalogReader(CalciteSchema.from(root), List.of("dp1"), types,
                new CalciteConnectionConfigImpl(props));
        return SqlValidatorUtil.newValidator(
                SqlOperatorTables.chain(AdqlOperators.operatorTable(), SqlStdOperatorTable.instance()), catalog,
                types, SqlValidator.Config.DEFAULT);
    }

    private static String validatedType(String adql) throws AdqlSyntaxException {
        SqlValidator v = validator();
        SqlNode node = v.validate(AdqlParser.parse(adql));
        return v.getValidatedNodeType(node).getFieldList().get(0).getType().getSqlTypeName().getName();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "SELECT TOP 10 * FROM Object WHERE 1 = CONTAINS(POINT('ICRS', coord_ra, coord_dec), "
                + "CIRCLE('ICRS', 53.1, -28.1, 0.05))",
        "SELECT objectId FROM Object WHERE INTERSECTS(CIRCLE(coord_ra, coord_dec, 0.1), "
                + "POLYGON(POINT(1, 2), POINT(2, 3), POINT(3, 1))) = 0",
        "SELECT o.objectId, DISTANCE(POINT(o.coord_ra, o.coord_dec), POINT(1, 2)) AS d FROM Object AS o ORDER BY d",
        "SELECT COUNT(*), name FROM Object WHERE name LIKE 'a%' GROUP BY name HAVING COUNT(*) > 1 ORDER BY 1 DESC",
        "SELECT name, 'Ångström ≥ 1' FROM Object WHERE name ILIKE 'ngc%' OR name NOT ILIKE '%x'",
        "SELECT flags & 0x1F, flags | 2, flags ^ 3, ~flags FROM Object WHERE (flags & 4) = 0",
        "SELECT LOG(r_psfFlux), LOG10(r_psfFlux), MOD(coord_ra, 4), PI(), ROUND(coord_ra, 2), TRUNCATE(coord_ra, 1), "
                + "CEILING(coord_ra), RAND(), POWER(coord_ra, 2), ATAN2(coord_ra, coord_dec), COT(coord_dec) FROM Object",
        "SELECT objectId FROM Object UNION SELECT TOP 3 objectId FROM Object ORDER BY objectId OFFSET 1",
        "WITH bright AS (SELECT objectId, r_psfFlux FROM Object WHERE r_psfFlux > 100) SELECT * FROM bright",
        "SELECT ivo_healpix_index(6, coord_ra, coord_dec), ivo_healpix_center(6, 100) FROM Object",
        "SELECT CASE WHEN coord_ra > 1 THEN 'a' ELSE 'b' END, COALESCE(name, 'x'), CAST(objectId AS INTEGER), "
                + "IN_UNIT(coord_ra, 'rad') FROM Object",
        "SELECT \"objectId\", \"coord_ra\", dec FROM (SELECT objectId, coord_ra, coord_dec AS dec FROM Object) AS q",
        "SELECT * FROM Object AS a JOIN Object AS b USING (objectId) WHERE a.name IS NOT NULL AND b.objectId IN (1, 2)",
        "SELECT * FROM Object WHERE EXISTS (SELECT 1 FROM Object AS i WHERE i.objectId = Object.objectId)",
        "SELECT AREA(CIRCLE(1, 2, 3)), COORD1(POINT(1, 2)), COORD2(CENTROID(BOX(1, 2, 3, 4))), "
                + "COORDSYS(POINT(NULL, 1, 2)), REGION('Circle ICRS 1 2 3') FROM Object"})
    void validates(String adql) throws Exception {
        validator().validate(AdqlParser.parse(adql));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CONTAINS(POINT(coord_ra, coord_dec), CIRCLE(1, 2, 3)) | INTEGER
            INTERSECTS(CIRCLE(1, 2, 3), CIRCLE(2, 3, 4))          | INTEGER
            DISTANCE(1, 2, 3, 4)                                  | DOUBLE
            AREA(CIRCLE(1, 2, 3))                                 | DOUBLE
            COORD1(POINT(1, 2))                                   | DOUBLE
            COORDSYS(POINT(1, 2))                                 | VARCHAR
            POINT(1, 2)                                           | ANY
            ivo_healpix_index(6, coord_ra, coord_dec)             | BIGINT
            MOD(coord_ra, 4)                                      | DOUBLE
            """)
    void geometryFunctionTypes(String expression, String type) throws Exception {
        assertEquals(type, validatedType("SELECT " + expression + " FROM Object"));
    }

    @Test
    void topOfAParenthesizedQuerySurvivesAnOuterOrderBy() throws Exception {
        SqlValidator v = validator();
        SqlNode validated = v.validate(AdqlParser.parse("(SELECT TOP 5 objectId FROM Object) ORDER BY objectId"));
        String sql = validated.toSqlString(PostgresqlSqlDialect.DEFAULT).getSql().replaceAll("\\s+", " ");
        assertTrue(sql.contains("FETCH NEXT 5 ROWS ONLY) ORDER BY"), sql);
    }

    @Test
    void thousandsOfOrTermsValidateBecauseTheTreeIsBalanced() throws Exception {
        StringBuilder q = new StringBuilder("SELECT objectId FROM Object WHERE objectId = 0");
        for (int i = 1; i < 5000; i++) {
            q.append(" OR objectId = ").append(i);
        }
        validator().validate(AdqlParser.parse(q.toString()));
    }

    @Test
    void unknownFunctionsAreLeftToValidation() throws Exception {
        SqlNode node = AdqlParser.parse("SELECT my_udf(coord_ra) FROM Object");
        CalciteContextException e = assertThrows(CalciteContextException.class, () -> validator().validate(node));
        assertEquals(8, e.getPosColumn());
        assertTrue(e.getMessage().contains("my_udf"), e.getMessage());
    }
}
