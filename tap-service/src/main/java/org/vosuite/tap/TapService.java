package org.vosuite.tap;

import org.vosuite.tap.descriptor.ResultDescriptors;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.vosuite.tap.geometry.HealpixPostgresDialect;
import org.vosuite.tap.geometry.PgSphereDialect;
import org.vosuite.tap.metadata.TapMetadata;
import org.vosuite.tap.metadata.TapMetadataLoader;
import org.vosuite.tap.plan.QueryException;
import org.vosuite.tap.plan.QueryTranslator;
import org.vosuite.tap.plan.Translation;

/**
 * One TAP service over one database: the published metadata (read from TAP_SCHEMA once and reloaded only when it
 * changed — checked at most every {@link #METADATA_CHECK}), the translator built from it, and the limits.
 */
public final class TapService {
    static final Duration METADATA_CHECK = Duration.ofSeconds(30);

    /** Turns ADQL text into a Calcite tree, or explains the syntax error. */
    @FunctionalInterface
    public interface Parser {
        SqlNode parse(String adql) throws QueryException;
    }

    private final DataSource database;
    private final TapMetadataLoader loader;
    private final Parser parser;
    private final SqlOperatorTable operators;
    /** Null until chosen from the database on the first metadata load (see {@link #adqlOnPostgres}). */
    private volatile SqlDialect dialect;
    private final TapLimits limits;
    private final ResultDescriptors descriptors;
    private volatile QueryTranslator translator;
    private volatile Instant checked = Instant.EPOCH;

    /** @param dialect the SQL the database runs; null to choose the geometry strategy from the database */
    public TapService(DataSource database, String tapSchema, Parser parser, SqlOperatorTable operators,
            SqlDialect dialect, TapLimits limits) {
        this(database, tapSchema, parser, operators, dialect, limits, ResultDescriptors.NONE);
    }

    /** @param descriptors the service descriptors results carry (DataLink, SODA, a manifest's) */
    public TapService(DataSource database, String tapSchema, Parser parser, SqlOperatorTable operators,
            SqlDialect dialect, TapLimits limits, ResultDescriptors descriptors) {
        this.descriptors = descriptors;
        this.database = database;
        this.loader = new TapMetadataLoader(tapSchema);
        this.parser = parser;
        this.operators = operators;
        this.dialect = dialect;
        this.limits = limits;
    }

    /**
     * A service speaking ADQL 2.1 to a PostgreSQL database. The geometry strategy is chosen from the database once,
     * on the first metadata load: with the pg_sphere extension, {@link PgSphereDialect} (GiST indexes on
     * {@code spoint(radians(ra), radians(dec))}); without it, {@link HealpixPostgresDialect}, for which the
     * database needs {@code org/vosuite/tap/geometry/healpix.sql} ({@link #installGeometry}) and, for speed,
     * expression indexes on {@code vosuite.healpix12(ra, dec)} of the searched tables.
     */
    public static TapService adqlOnPostgres(DataSource database, String tapSchema, TapLimits limits) {
        return adqlOnPostgres(database, tapSchema, limits, ResultDescriptors.NONE);
    }

    public static TapService adqlOnPostgres(DataSource database, String tapSchema, TapLimits limits,
            ResultDescriptors descriptors) {
        Parser parser = adql -> {
            try {
                return org.vosuite.tap.adql.AdqlParser.parse(adql);
            } catch (org.vosuite.tap.adql.AdqlSyntaxException e) {
                throw new QueryException(e.getMessage(), e.line(), e.column());
            }
        };
        return new TapService(database, tapSchema, parser, org.vosuite.tap.adql.AdqlOperators.operatorTable(),
                null, limits, descriptors);
    }

    /** pg_sphere when the extension is installed (production), else the HEALPix strategy. */
    static SqlDialect geometryDialect(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = "
                        + "'pg_sphere'), to_regprocedure('vosuite.healpix_nest(integer, double precision, double "
                        + "precision)') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1) ? new PgSphereDialect(rs.getBoolean(2)) : HealpixPostgresDialect.INSTANCE;
        }
    }

    /**
     * Installs the SQL functions the HEALPix geometry strategy calls (idempotent); with pg_sphere they are needed
     * only for ivo_healpix_index.
     */
    public static void installGeometry(Connection c) throws SQLException, java.io.IOException {
        try (var in = TapService.class.getResourceAsStream("/org/vosuite/tap/geometry/healpix.sql");
                java.sql.Statement s = c.createStatement()) {
            s.execute(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    public DataSource database() {
        return database;
    }

    public ResultDescriptors descriptors() {
        return descriptors;
    }

    public TapLimits limits() {
        return limits;
    }

    /** The current metadata; blocking (JDBC) — call from a worker thread. */
    public TapMetadata metadata() throws SQLException {
        return translator().metadata();
    }

    private QueryTranslator translator() throws SQLException {
        QueryTranslator t = translator;
        if (t != null && Duration.between(checked, Instant.now()).compareTo(METADATA_CHECK) < 0) {
            return t;
        }
        synchronized (this) {
            // Another worker may have checked while this one waited for the lock.
            if (translator != null && Duration.between(checked, Instant.now()).compareTo(METADATA_CHECK) < 0) {
                return translator;
            }
            try (Connection c = database.getConnection()) {
                if (translator == null || !translator.metadata().fingerprint().equals(loader.fingerprint(c))) {
                    if (dialect == null) {
                        dialect = geometryDialect(c);
                    }
                    translator = new QueryTranslator(loader.load(c), operators, dialect);
                }
            }
            checked = Instant.now();
            return translator;
        }
    }

    /** What the capabilities declare, for this database's geometry strategy. */
    public record Features(List<String> geometry, boolean healpixIndex) {
    }

    /** The ADQL geometry features this database supports; blocking (reads the database once). */
    public Features features() throws SQLException {
        translator();
        if (dialect instanceof PgSphereDialect pg) {
            return new Features(List.of("POINT", "CIRCLE", "BOX", "POLYGON", "REGION", "CENTROID", "CONTAINS",
                    "INTERSECTS", "DISTANCE", "AREA", "COORD1", "COORD2", "COORDSYS"), pg.healpixFunctions());
        }
        // HEALPix strategy: constant regions tested against points of columns
        return new Features(List.of("POINT", "CIRCLE", "BOX", "POLYGON", "REGION", "CONTAINS", "INTERSECTS",
                "DISTANCE", "COORD1", "COORD2"), true);
    }

    /** Parses and translates a query; {@code maxRec} rows at most (one more is fetched to detect overflow). */
    public Translation translate(String adql, long maxRec) throws QueryException, SQLException {
        return translate(adql, maxRec, List.of());
    }

    /** As {@link #translate(String, long)}, with the user's uploaded tables queryable as TAP_UPLOAD.name. */
    public Translation translate(String adql, long maxRec, List<org.vosuite.tap.metadata.TapTable> uploads)
            throws QueryException, SQLException {
        SqlNode node = parser.parse(adql);
        return translator().translate(node, maxRec, uploads);
    }
}
