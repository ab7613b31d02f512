package org.vosuite.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads a YAML configuration file into a {@link ConfigMap}, with messages that name file and line. */
public final class ConfigFile {
    private ConfigFile() {
    }

    @SuppressWarnings("unchecked")
    public static ConfigMap read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (root != null && !(root instanceof Map)) {
                throw new ConfigException(file + ": the file must be a mapping of settings");
            }
            return new ConfigMap(file.toString(), "", (Map<String, Object>) root);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (MarkedYAMLException e) {
            throw new ConfigException(file + ":" + (e.getProblemMark() == null ? "" : e.getProblemMark().getLine()
                    + 1 + ":") + " not valid YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Settings given as an empty mapping, for defaults-only runs. */
    public static ConfigMap empty(String name) {
        return new ConfigMap(name, "", Map.of());
    }
}
