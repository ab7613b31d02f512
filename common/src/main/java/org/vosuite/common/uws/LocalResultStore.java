package org.vosuite.common.uws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Job files in a local folder: {@code ROOT/<job id>/<name>}. */
public final class LocalResultStore implements ResultStore {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    private final Path root;

    public LocalResultStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    private Path path(String jobId, String name) throws IOException {
        // Names come from our own code, but a job id or an upload name is the client's text: keep both inside.
        if (!SAFE.matcher(jobId).matches() || !SAFE.matcher(name).matches() || name.startsWith(".")) {
            throw new IOException("not a valid job file name: " + jobId + "/" + name);
        }
        return root.resolve(jobId).resolve(name);
    }

    @Override
    public OutputStream create(String jobId, String name) throws IOException {
        Path p = path(jobId, name);
        Files.createDirectories(p.getParent());
        return Files.newOutputStream(p);
    }

    @Override
    public void put(String jobId, String name, Path source) throws IOException {
        Path p = path(jobId, name);
        Files.createDirectories(p.getParent());
        try {
            Files.move(source, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.copy(source, p, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(source);
        }
    }

    @Override
    public InputStream open(String jobId, String name) throws IOException {
        return Files.newInputStream(path(jobId, name));
    }

    @Override
    public Path localFile(String jobId, String name) {
        try {
            Path p = path(jobId, name);
            return Files.isRegularFile(p) ? p : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void delete(String jobId) throws IOException {
        if (!SAFE.matcher(jobId).matches()) {
            return;
        }
        Path dir = root.resolve(jobId);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
