package io.mosaic.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;

/** YAML files read as plain maps and lists, and typed paths into them. */
final class Yaml {
    private Yaml() {}

    /** Every document of a file; a file that does not parse fails the test that reads it. */
    static List<Map<String, Object>> documents(Path file) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new org.yaml.snakeyaml.Yaml(new LoaderOptions()).loadAll(Files.readString(file))) {
                if (document != null) {
                    documents.add(map(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> document(Path file) {
        List<Map<String, Object>> documents = documents(file);
        if (documents.size() != 1) {
            throw new AssertionError(file + " has " + documents.size() + " documents, expected one");
        }
        return documents.get(0);
    }

    /** The value at a dotted path of map keys, or null. */
    static Object at(Object node, String path) {
        Object current = node;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    static Map<String, Object> mapAt(Object node, String path) {
        Object value = at(node, path);
        return value == null ? Map.of() : map(value);
    }

    static List<Object> listAt(Object node, String path) {
        Object value = at(node, path);
        return value == null ? List.of() : list(value);
    }

    static String stringAt(Object node, String path) {
        return Objects.toString(at(node, path), null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
