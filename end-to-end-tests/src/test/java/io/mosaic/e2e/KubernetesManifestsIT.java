package io.mosaic.e2e;

import static io.mosaic.e2e.ServiceSettings.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.testing.MosaicServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kustomize base and overlays, checked without a cluster: everything parses, every file a kustomization names
 * exists, and the Deployments, Services, policies and scalers match the services' own configuration.
 */
class KubernetesManifestsIT {
    static final List<String> MODULES = MosaicServices.MODULES;
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    private static final List<Map<String, Object>> BASE = resources(KUBERNETES.resolve("base"));

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void everyKustomizationNamesFilesThatExistAndParse(String directory) {
        assertThat(resources(KUBERNETES.resolve(directory)))
                .isNotEmpty()
                .allSatisfy(
                        resource -> assertThat(Yaml.stringAt(resource, "kind")).isNotBlank());
    }

    @ParameterizedTest
    @FieldSource("MODULES")
    void eachServiceHasADeploymentThatMatchesItsConfiguration(String module) {
        ServiceSettings settings = ServiceSettings.of(module);
        Map<String, Object> deployment = workload(module);
        Map<String, Object> container = Yaml.map(
                Yaml.listAt(deployment, "spec.template.spec.containers").get(0));

        assertThat(Yaml.stringAt(container, "image")).startsWith("mosaic/" + module + ":");
        assertThat(Yaml.listAt(container, "ports"))
                .extracting(port -> Yaml.at(port, "containerPort"))
                .containsExactly(settings.port());
        Set<String> environment = new TreeSet<>();
        Map<String, Object> config = Yaml.mapAt(find("ConfigMap", "mosaic-config"), "data");
        for (Object variable : Yaml.listAt(container, "env")) {
            environment.add(Yaml.stringAt(variable, "name"));
            String configKey = Yaml.stringAt(variable, "valueFrom.configMapKeyRef.key");
            if (configKey != null) {
                assertThat(config).as("mosaic-config").containsKey(configKey);
            }
        }
        assertThat(settings.environment()).as(module + " reads these").containsAll(environment);
        assertThat(environment).as(module + " needs these").containsAll(settings.requiredEnvironment());
        assertThat(Yaml.stringAt(container, "readinessProbe.httpGet.path")).isEqualTo("/q/health/ready");
        assertThat(Yaml.stringAt(container, "livenessProbe.httpGet.path")).isEqualTo("/q/health/live");
        assertThat(Yaml.stringAt(container, "startupProbe.httpGet.path")).isEqualTo("/q/health/started");
        assertThat(Yaml.mapAt(container, "resources.requests")).containsKeys("cpu", "memory");
        assertThat(Yaml.mapAt(container, "resources.limits")).containsKey("memory");

        assertThat(Yaml.listAt(find("Service", module), "spec.ports"))
                .extracting(port -> Yaml.at(port, "port"))
                .containsExactly(settings.port());
        assertThat(Yaml.mapAt(find("PodDisruptionBudget", module), "spec.selector.matchLabels"))
                .containsEntry("app.kubernetes.io/name", module);
    }

    @Test
    void theGatewayReachesEachServiceByItsServiceNameAndPort() {
        Map<String, Object> gateway =
                Yaml.map(Yaml.listAt(find("Deployment", MosaicServices.GATEWAY), "spec.template.spec.containers")
                        .get(0));
        for (String module : MODULES.subList(0, 3)) {
            String variable = MosaicServices.urlVariable(module);
            assertThat(Yaml.listAt(gateway, "env"))
                    .filteredOn(env -> variable.equals(Yaml.stringAt(env, "name")))
                    .extracting(env -> Yaml.stringAt(env, "value"))
                    .containsExactly("http://" + module + ":"
                            + ServiceSettings.of(module).port());
        }
    }

    @Test
    void onlyTheGatewayAndTheNamedPeersMayCallTheServices() {
        assertThat(resourcesOfKind("NetworkPolicy")).anySatisfy(policy -> {
            assertThat(Yaml.mapAt(policy, "spec.podSelector.matchLabels"))
                    .containsEntry("app.kubernetes.io/part-of", "mosaic");
            assertThat(Yaml.listAt(policy, "spec.ingress")).isEmpty();
        });
        for (String module : MODULES.subList(0, 3)) {
            Map<String, Object> policy = find("NetworkPolicy", module + "-ingress");
            assertThat(Yaml.mapAt(policy, "spec.podSelector.matchLabels"))
                    .containsEntry("app.kubernetes.io/name", module);
            List<Object> rules = Yaml.listAt(policy, "spec.ingress");
            assertThat(rules).hasSize(1);
            List<Object> from = Yaml.listAt(rules.get(0), "from");
            List<Map<String, Object>> callers = new ArrayList<>();
            callers.add(Map.of("app.kubernetes.io/name", MosaicServices.GATEWAY));
            if (module.equals("segmentation-service")) { // its pods share previews and insights over their stores
                callers.add(Map.of("app.kubernetes.io/name", module));
            }
            if (module.equals("profile-service")) { // webhooks read the profile fields their destinations want
                callers.add(Map.of("app.kubernetes.io/name", "segmentation-service"));
            }
            assertThat(from)
                    .extracting(peer -> Yaml.mapAt(peer, "podSelector.matchLabels"))
                    .filteredOn(labels -> !labels.isEmpty())
                    .containsExactlyElementsOf(callers);
            assertThat(from)
                    .extracting(peer -> Yaml.mapAt(peer, "namespaceSelector.matchLabels"))
                    .filteredOn(labels -> !labels.isEmpty())
                    .containsExactly(Map.of("kubernetes.io/metadata.name", "monitoring"));
            assertThat(Yaml.listAt(rules.get(0), "ports"))
                    .extracting(port -> Yaml.at(port, "port"))
                    .containsExactly(ServiceSettings.of(module).port());
        }
    }

    @Test
    void consumersScaleOnTheLagOfTheirOwnGroupsAndNeverBeyondThePartitions() {
        int partitions = Integer.parseInt(
                Yaml.stringAt(Yaml.mapAt(find("ConfigMap", "mosaic-config"), "data"), "topic-partitions"));
        Map<String, Integer> topicPartitions = new java.util.HashMap<>();
        resourcesOfKind("KafkaTopic")
                .forEach(topic -> topicPartitions.put(
                        Yaml.stringAt(topic, "metadata.name"), (Integer) Yaml.at(topic, "spec.partitions")));
        assertThat(topicPartitions.values()).containsOnly(partitions);

        for (String module : List.of("segmentation-service", "profile-service")) {
            ServiceSettings settings = ServiceSettings.of(module);
            Map<String, Object> scaler = find("ScaledObject", module);
            assertThat(Yaml.stringAt(scaler, "spec.scaleTargetRef.name")).isEqualTo(module);
            String targetKind = Yaml.stringAt(scaler, "spec.scaleTargetRef.kind");
            assertThat(Yaml.stringAt(workload(module), "kind"))
                    .isEqualTo(targetKind == null ? "Deployment" : targetKind);
            assertThat((Integer) Yaml.at(scaler, "spec.maxReplicaCount")).isLessThanOrEqualTo(partitions);
            Set<String> groups = new TreeSet<>();
            for (Object trigger : Yaml.listAt(scaler, "spec.triggers")) {
                assertThat(Yaml.stringAt(trigger, "type")).isEqualTo("kafka");
                groups.add(Yaml.stringAt(trigger, "metadata.consumerGroup"));
                assertThat(topicPartitions).containsKey(Yaml.stringAt(trigger, "metadata.topic"));
                assertThat(Yaml.stringAt(trigger, "metadata.allowIdleConsumers"))
                        .isEqualTo("false");
            }
            assertThat(groups).isEqualTo(settings.consumerGroups());
        }
    }

    @Test
    void kafkaTopicsAreTheOnesTheServicesUse() {
        Set<String> topics = new TreeSet<>();
        for (String module : List.of("segmentation-service", "profile-service")) {
            ServiceSettings.of(module).properties().forEach((key, value) -> {
                boolean topicName = key.startsWith("mosaic.topics.")
                        || (key.startsWith("mosaic.segmentation.") || key.startsWith("mosaic.profile."))
                                && key.endsWith("-topic")
                        || key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic");
                if (topicName && value.startsWith("mosaic")) {
                    topics.add(value);
                }
            });
        }
        assertThat(resourcesOfKind("KafkaTopic"))
                .extracting(topic -> Yaml.stringAt(topic, "metadata.name"))
                .containsExactlyInAnyOrderElementsOf(topics);
        assertThat(Yaml.mapAt(find("KafkaTopic", "mosaic-segmentation-customer-behavior-changelog"), "spec.config"))
                .containsEntry("cleanup.policy", "compact");
    }

    @Test
    void theOperatorAlertRulesAreTheComposeOnes() {
        Object composeRules = Yaml.at(Yaml.document(ROOT.resolve("deploy/prometheus/mosaic-alerts.yml")), "groups");
        Map<String, Object> rule = find("PrometheusRule", "mosaic");
        assertThat(Yaml.at(rule, "spec.groups")).isEqualTo(composeRules);
        List<String> alerts = new ArrayList<>();
        Yaml.listAt(rule, "spec.groups")
                .forEach(group ->
                        Yaml.listAt(group, "rules").forEach(alert -> alerts.add(Yaml.stringAt(alert, "alert"))));
        assertThat(alerts).contains("MosaicConsumerLagHigh", "MosaicConsumerStalled");
    }

    /** A service's pods: a Deployment, or a StatefulSet for one that keeps local state (segmentation's stores). */
    private static Map<String, Object> workload(String module) {
        return resourcesOfKind("StatefulSet").stream()
                .filter(resource -> module.equals(Yaml.stringAt(resource, "metadata.name")))
                .findFirst()
                .orElseGet(() -> find("Deployment", module));
    }

    private static Map<String, Object> find(String kind, String name) {
        return resourcesOfKind(kind).stream()
                .filter(resource -> name.equals(Yaml.stringAt(resource, "metadata.name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/kubernetes/base"));
    }

    private static List<Map<String, Object>> resourcesOfKind(String kind) {
        return BASE.stream()
                .filter(resource -> kind.equals(Yaml.stringAt(resource, "kind")))
                .toList();
    }

    /** The resources a kustomization directory gathers, following the directories it names. */
    private static List<Map<String, Object>> resources(Path directory) {
        Map<String, Object> kustomization = Yaml.document(directory.resolve("kustomization.yaml"));
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : Yaml.listAt(kustomization, "resources")) {
            Path path = directory.resolve((String) entry).normalize();
            assertThat(path)
                    .as(directory.relativize(path) + " named in " + directory)
                    .exists();
            resources.addAll(path.toFile().isDirectory() ? resources(path) : Yaml.documents(path));
        }
        return resources;
    }
}
