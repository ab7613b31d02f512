package org.vosuite.soda.resolve;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.vosuite.obscore.registry.DatasetRef;
import org.vosuite.obscore.registry.RegistryReader;

/**
 * Resolves dataset identifiers to files. An ID is an ObsCore {@code obs_publisher_did} (looked up in the ObsCore
 * bookkeeping of the TAP database), a Butler URI ({@code butler://repo/UUID}) or a bare dataset UUID; the Butler
 * registry's datastore records give the file's path, relative to the datastore root. A file is served only when
 * it lies inside one of the configured data roots after symbolic links are resolved: a path from the user is
 * never opened.
 */
public final class DatasetLocator {
    private static final Pattern UUID = Pattern.compile(
            "([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})");
    private static final Pattern BUTLER_URI = Pattern.compile("butler://[^/?#]+/(" + UUID.pattern() + ")");
    private static final Pattern ID_PARAM = Pattern.compile("[?&]id=(" + UUID.pattern() + ")(?:&|$)");

    private final DataSource obscore;
    private final RegistryConnections registry;
    private final Path datastoreRoot;
    private final List<Path> dataRoots;

    /**
     * @param obscore       the TAP database holding ivoa.ObsCore and its bookkeeping (null: IDs must be Butler URIs
     *                      or UUIDs)
     * @param registry      the Butler registry
     * @param datastoreRoot where relative datastore paths start
     * @param dataRoots     the only folders files are served from
     */
    /** How the locator reaches the Butler registry: a connection per lookup. */
    @FunctionalInterface
    public interface RegistryConnections {
        Connection open() throws SQLException;
    }

    public DatasetLocator(DataSource obscore, RegistryConnections registry, Path datastoreRoot, List<Path> dataRoots)
            throws IOException {
        this.obscore = obscore;
        this.registry = registry;
        this.datastoreRoot = datastoreRoot.toAbsolutePath().normalize();
        List<Path> roots = new ArrayList<>();
        for (Path r : dataRoots) {
            if (!Files.isDirectory(r)) {
                throw new IOException("data root " + r + " is not a folder");
            }
            roots.add(r.toRealPath());
        }
        if (roots.isEmpty()) {
            throw new IOException("at least one data root is needed");
        }
        this.dataRoots = List.copyOf(roots);
    }

    /** The dataset an ID names, with its file; not found when the ID is unknown or the file is not available. */
    public Dataset locate(String id) throws DatasetNotFoundException, SQLException {
        Lookup l = lookup(id);
        if (l.dataset() == null) {
            throw new DatasetNotFoundException(l.missing());
        }
        return l.dataset();
    }

    /**
     * What the registry knows of an ID: the dataset (type, run, data ID), and either its file ({@code dataset}) or
     * why the file is not available ({@code missing}: none recorded, missing on disk, outside the data roots).
     */
    public record Lookup(DatasetRef ref, Dataset dataset, String missing) {
    }

    /** @throws DatasetNotFoundException when the ID names no dataset of the registry */
    public Lookup lookup(String id) throws DatasetNotFoundException, SQLException {
        try (Connection c = registry.open()) {
            return lookup(id, c);
        }
    }

    /**
     * As {@link #lookup(String)}, on a registry connection the caller holds (DataLink answers many IDs, and asks
     * the registry more about each, on one connection).
     */
    public Lookup lookup(String id, Connection registryConnection) throws DatasetNotFoundException, SQLException {
        if (id == null || id.isBlank() || id.length() > 1000) {
            throw new DatasetNotFoundException("ID is empty or too long");
        }
        String trimmed = id.trim();
        // one query finds an obs_publisher_did's dataset and its ObsCore extent together
        Published published = published("d.obs_publisher_did = ?", trimmed);
        String datasetId = published != null ? published.datasetId() : datasetId(trimmed);
        RegistryReader reader = new RegistryReader(registryConnection);
        Optional<DatasetRef> ref = reader.dataset(datasetId, reader.datasetTypes());
        Optional<String> path = ref.isEmpty() ? Optional.empty() : reader.filePath(datasetId);
        if (ref.isEmpty()) {
            throw new DatasetNotFoundException("no dataset has the ID " + id);
        }
        if (path.isEmpty()) {
            return new Lookup(ref.get(), null, "no file is recorded for " + id);
        }
        Path file = resolve(path.get());
        if (file == null) {
            return new Lookup(ref.get(), null, "the file of " + id + " is missing on disk or lies outside the "
                    + "served data roots");
        }
        Published d = published != null ? published : published("d.dataset_id = ?", datasetId);
        return new Lookup(ref.get(), d != null ? new Dataset(id, datasetId, file, d.emMin(), d.emMax(), d.tMin(),
                d.tMax(), d.polStates()) : new Dataset(id, datasetId, file, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, null), null);
    }

    /** Opens the Butler registry, for readers that need more than a lookup (provenance). */
    public Connection openRegistry() throws SQLException {
        return registry.open();
    }

    /** What ObsCore knows of a dataset. */
    private record Published(String datasetId, double emMin, double emMax, double tMin, double tMax,
            String polStates) {
    }

    /** A published dataset, or null when there is no ObsCore database, no bookkeeping table yet, or no row. */
    private Published published(String condition, String value) throws SQLException {
        if (obscore == null) {
            return null;
        }
        try (Connection c = obscore.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT d.dataset_id, o.em_min, o.em_max, o.t_min, "
                        + "o.t_max, o.pol_states FROM vosuite_obscore.dataset d LEFT JOIN ivoa.\"ObsCore\" o "
                        + "ON o.obs_publisher_did = d.obs_publisher_did WHERE " + condition)) {
            st.setString(1, value);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new Published(rs.getString(1), num(rs, 2), num(rs, 3), num(rs, 4), num(rs, 5),
                        rs.getString(6)) : null;
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // no ObsCore published yet: IDs of the other forms still work
                return null;
            }
            throw e;
        }
    }

    /** A Butler URI, an ivo:// ID carrying {@code id=UUID}, or a bare UUID, as the registry's 32-digit id. */
    private static String datasetId(String id) throws DatasetNotFoundException {
        Matcher m = BUTLER_URI.matcher(id);
        if (m.matches()) {
            return hex(m.group(1));
        }
        m = ID_PARAM.matcher(id);
        if (id.startsWith("ivo://") && m.find()) {
            return hex(m.group(1));
        }
        if (UUID.matcher(id).matches()) {
            return hex(id);
        }
        throw new DatasetNotFoundException("no dataset has the ID " + id);
    }

    private static String hex(String uuid) {
        return uuid.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** The datastore path as a file inside a data root, or null. */
    private Path resolve(String recorded) {
        Path p;
        try {
            if (recorded.startsWith("file:")) {
                p = Path.of(URI.create(recorded));
            } else {
                p = datastoreRoot.resolve(recorded);
            }
            if (!Files.isRegularFile(p)) {
                return null;
            }
            Path real = p.toRealPath();
            for (Path root : dataRoots) {
                if (real.startsWith(root)) {
                    return real;
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double num(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? Double.NaN : v;
    }
}
