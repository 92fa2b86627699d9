package io.mosaic.e2e;

import static io.mosaic.e2e.ServiceSettings.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.testing.MosaicServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * No container engine runs here, so what can be checked without one is: the Dockerfiles copy what the build
 * produced, and docker-compose.yml, Prometheus and Grafana name the services, ports and settings the services
 * really have.
 */
class ContainerFilesIT {
    static final List<String> MODULES = MosaicServices.MODULES;
    private static final Pattern COPY_FROM_BUILD =
            Pattern.compile("(?m)^COPY --from=build\\S*(?: --\\S+)* (\\S+) \\S+$");

    @ParameterizedTest
    @FieldSource("MODULES")
    void eachDockerfileBuildsItsModuleAndCopiesWhatTheBuildProduced(String module) throws IOException {
        ServiceSettings service = ServiceSettings.of(module);
        String dockerfile = Files.readString(ROOT.resolve(module).resolve("Dockerfile"));

        assertThat(dockerfile).contains("-pl " + module + " -am");
        Matcher copies = COPY_FROM_BUILD.matcher(dockerfile);
        List<String> copied = new ArrayList<>();
        while (copies.find()) {
            copied.add(copies.group(1));
        }
        assertThat(copied).isNotEmpty().allSatisfy(source -> {
            assertThat(source).startsWith("/src/" + module + "/target/quarkus-app/");
            String inRepository = source.substring("/src/".length());
            if (inRepository.endsWith("*.jar")) {
                Path directory = ROOT.resolve(inRepository).getParent();
                assertThat(directory.resolve("quarkus-run.jar")).as("built jar").exists();
            } else {
                assertThat(ROOT.resolve(inRepository))
                        .as("built by ./mvnw package")
                        .exists();
            }
        });
        assertThat(dockerfile).contains("EXPOSE " + service.port(), "QUARKUS_HTTP_PORT=" + service.port());
        assertThat(dockerfile).contains("USER mosaic");
    }

    @Test
    void composeRunsEveryServiceWithTheSettingsItReadsAndNothingElse() {
        Map<String, Object> compose = Yaml.document(ROOT.resolve("docker-compose.yml"));
        Map<String, Object> services = Yaml.mapAt(compose, "services");
        assertThat(services).containsKeys("kafka", "postgres", "prometheus", "grafana");

        for (String module : MODULES) {
            ServiceSettings settings = ServiceSettings.of(module);
            Map<String, Object> service = Yaml.map(services.get(module));
            assertThat(Yaml.stringAt(service, "build.dockerfile")).isEqualTo(module + "/Dockerfile");
            assertThat(Yaml.at(service, "healthcheck.test"))
                    .as(module + " healthcheck")
                    .isNotNull();
            Set<String> environment = Yaml.mapAt(service, "environment").keySet();
            assertThat(settings.environment()).as(module + " reads these").containsAll(environment);
            assertThat(environment).as(module + " needs these").containsAll(settings.requiredEnvironment());
        }
        Map<String, Object> gateway = Yaml.mapAt(services, MosaicServices.GATEWAY);
        int gatewayPort = ServiceSettings.of(MosaicServices.GATEWAY).port();
        assertThat(Yaml.listAt(gateway, "ports")).containsExactly(gatewayPort + ":" + gatewayPort);
        for (String module : MODULES.subList(0, 3)) {
            assertThat(Yaml.listAt(services.get(module), "ports"))
                    .as(module + " is not published")
                    .isEmpty();
            assertThat(Yaml.stringAt(gateway, "environment." + MosaicServices.urlVariable(module)))
                    .isEqualTo("http://" + module + ":"
                            + ServiceSettings.of(module).port());
        }
    }

    @Test
    void composeSecretsAreRequiredAndListedInTheExampleEnvironment() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        String example = Files.readString(ROOT.resolve("deploy/compose/mosaic.env.example"));
        Matcher required = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(compose);
        Set<String> names = new TreeSet<>();
        while (required.find()) {
            names.add(required.group(1));
        }
        assertThat(names).contains("MOSAIC_INTERNAL_TOKEN", "MOSAIC_GATEWAY_KEY_PEPPER", "MOSAIC_BOOTSTRAP_ADMIN_KEY");
        assertThat(names).allSatisfy(name -> assertThat(example).contains(name + "="));
    }

    @Test
    void composeMountsOnlyFilesThatExist() {
        Map<String, Object> services = Yaml.mapAt(Yaml.document(ROOT.resolve("docker-compose.yml")), "services");
        services.values()
                .forEach(service -> Yaml.listAt(service, "volumes").stream()
                        .map(String::valueOf)
                        .filter(volume -> volume.startsWith("./"))
                        .forEach(volume -> assertThat(ROOT.resolve(volume.substring(2, volume.indexOf(':'))))
                                .as(volume)
                                .exists()));
    }

    @Test
    void prometheusScrapesEveryServiceOnItsPort() {
        Map<String, Object> prometheus = Yaml.document(ROOT.resolve("deploy/compose/prometheus.yml"));
        List<String> targets = new ArrayList<>();
        Yaml.listAt(prometheus, "scrape_configs").forEach(job -> {
            assertThat(Yaml.stringAt(job, "metrics_path")).isEqualTo("/q/metrics");
            Yaml.listAt(job, "static_configs")
                    .forEach(group -> Yaml.listAt(group, "targets").forEach(target -> targets.add((String) target)));
        });
        assertThat(targets)
                .containsExactlyInAnyOrderElementsOf(MODULES.stream()
                        .map(module -> module + ":" + ServiceSettings.of(module).port())
                        .toList());
    }

    @Test
    void dashboardAndAlertsUseMetricsTheServicesPublish() throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(ROOT.resolve("deploy/grafana/dashboards/mosaic-overview.json")
                        .toFile());
        List<String> expressions = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(panel -> panel.path("targets")
                        .forEach(target -> expressions.add(target.path("expr").asText())));
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(8);
        Yaml.listAt(Yaml.document(ROOT.resolve("deploy/prometheus/mosaic-alerts.yml")), "groups")
                .forEach(group ->
                        Yaml.listAt(group, "rules").forEach(rule -> expressions.add(Yaml.stringAt(rule, "expr"))));

        Set<String> published = publishedMetricPrefixes();
        Matcher metric = Pattern.compile("\\bmosaic_[a-z_]+").matcher(String.join("\n", expressions));
        Set<String> used = new TreeSet<>();
        while (metric.find()) {
            used.add(metric.group());
        }
        assertThat(used)
                .contains("mosaic_events_accepted_total", "mosaic_segment_changes_total", "mosaic_consumer_lag_seconds")
                .allSatisfy(name -> assertThat(published).anyMatch(name::startsWith));
    }

    /** Meter names registered in the services' code ("mosaic.consumer.lag.seconds"), as Prometheus names them. */
    private static Set<String> publishedMetricPrefixes() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern meter = Pattern.compile("\"(mosaic\\.[a-z]+(?:\\.[a-z]+)+)\"");
        for (String module : List.of(
                "ingestion-service",
                "profile-service",
                "segmentation-service",
                "api-gateway",
                "service-common",
                "service-persistence")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher name = meter.matcher(Files.readString(file));
                    while (name.find()) {
                        names.add(name.group(1).replace('.', '_'));
                    }
                }
            }
        }
        return names;
    }
}
