package io.mosaic.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a service's own configuration (its application.properties) says it listens on and reads from outside. */
record ServiceSettings(
        String module,
        int port,
        Set<String> environment,
        Set<String> requiredEnvironment,
        Map<String, String> properties) {
    static final Path ROOT =
            Path.of(System.getProperty("mosaic.root", "..")).toAbsolutePath().normalize();

    /** Read by Quarkus itself or by the container's start command, not named in application.properties. */
    private static final Set<String> PLATFORM_VARIABLES = Set.of("QUARKUS_HTTP_PORT", "JAVA_OPTS");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
    private static final Pattern PORT = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}");

    static ServiceSettings of(String module) {
        Map<String, String> properties = properties(module);
        Set<String> environment = new TreeSet<>(PLATFORM_VARIABLES);
        Set<String> required = new TreeSet<>();
        properties.forEach((key, value) -> {
            Matcher variable = VARIABLE.matcher(value);
            while (variable.find()) {
                environment.add(variable.group(1));
                if (variable.group(2) == null && !key.startsWith("%")) {
                    required.add(variable.group(1));
                }
            }
        });
        Matcher port = PORT.matcher(properties.get("quarkus.http.port"));
        if (!port.matches()) {
            throw new IllegalStateException(module + ": quarkus.http.port has no default port");
        }
        return new ServiceSettings(module, Integer.parseInt(port.group(1)), environment, required, properties);
    }

    /** The consumer groups of the service's Kafka channels and of its Kafka Streams application. */
    Set<String> consumerGroups() {
        Set<String> groups = new TreeSet<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")
                    || key.equals("quarkus.kafka-streams.application-id")) {
                groups.add(value);
            }
        });
        return groups;
    }

    private static Map<String, String> properties(String module) {
        Path file = ROOT.resolve(module).resolve("src/main/resources/application.properties");
        Map<String, String> properties = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.trim();
                int equals = trimmed.indexOf('=');
                if (!trimmed.isEmpty() && !trimmed.startsWith("#") && equals > 0) {
                    properties.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
