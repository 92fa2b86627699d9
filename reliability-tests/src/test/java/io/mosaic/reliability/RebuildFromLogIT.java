package io.mosaic.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mosaic.testing.MosaicServices;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The log is the source of truth: wipe the consumers' databases and their consumer groups, let them replay the
 * topics from the start, and every profile, timeline and membership comes back the same; erased customers do not
 * come back. Segmentation's and profile's state is their Kafka Streams topologies': each is reset as
 * docs/ARCHITECTURE.md says (its groups, changelogs and derived topics deleted, its state directory removed); the
 * segment definitions topic stays, being a source like the events.
 */
@ExtendWith(Platform.class)
class RebuildFromLogIT {
    private static final Map<String, List<String>> CONSUMERS = Map.of(
            "segmentation-service",
            List.of("mosaic-segmentation", "mosaic-segmentation-memberships"),
            "profile-service",
            List.of(
                    "mosaic-profile-topology",
                    "mosaic-profile-read-model-documents",
                    "mosaic-profile-read-model-timeline"));

    @Test
    void wipedDatabasesReplayedFromTheLogComeBackTheSameWithErasuresKept() throws Exception {
        Workload workload = new Workload(5000, 150, 106);
        String key = Client.fullKey(Client.newTenant("rebuild"));
        workload.send(key);
        Client.awaitCaughtUp(key);
        TenantState sent = TenantState.read(key, workload.customerIds);
        List<String> erased = sent.profiles().entrySet().stream()
                .filter(profile -> profile.getValue().startsWith("{"))
                .map(java.util.Map.Entry::getKey)
                .limit(10)
                .toList();
        for (String customer : erased) {
            Client.as(key).delete("/v1/profiles/" + customer).then().statusCode(202);
        }
        Client.awaitCaughtUp(key);
        TenantState before = TenantState.readSettled(key, workload.customerIds);
        erased.forEach(customer -> assertThat(before.profiles().get(customer)).isEqualTo("absent"));

        MosaicServices services = Platform.get().services();
        for (String module : CONSUMERS.keySet()) {
            services.instance(module).close();
        }
        try {
            try (Connection database =
                    DriverManager.getConnection(Platform.get().jdbcUrl(), "postgres", "postgres")) {
                database.createStatement().execute("drop schema segmentation cascade");
                database.createStatement().execute("drop schema profile cascade");
            }
            try (Admin kafka = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Platform.get().bootstrapServers()))) {
                List<String> groups =
                        CONSUMERS.values().stream().flatMap(List::stream).toList();
                // Kafka Streams does not leave its group on close: its member goes after the session timeout (10 s).
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> kafka.describeConsumerGroups(groups).all().get().values().stream()
                                .allMatch(group -> group.members().isEmpty()));
                kafka.deleteConsumerGroups(groups).all().get();
                List<String> derived = kafka.listTopics().names().get().stream()
                        .filter(topic ->
                                (topic.startsWith("mosaic-segmentation-") || topic.startsWith("mosaic-profile-"))
                                                && topic.endsWith("-changelog")
                                        || topic.startsWith("mosaic.segmentation.")
                                        || topic.startsWith("mosaic.profile."))
                        .toList();
                kafka.deleteTopics(derived).all().get();
            }
            for (String module : CONSUMERS.keySet()) {
                deleteRecursively(services.instance(module).stateDir());
            }
        } finally {
            // whatever happened, the tests after this one get the services back
            for (String module : CONSUMERS.keySet()) {
                services.restart(services.instance(module));
            }
        }
        Client.awaitCaughtUp(key);
        // Read until RFM scores have been recomputed for every customer who had one, as before the wipe.
        AtomicReference<TenantState> rebuilt = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        rebuilt.set(TenantState.read(key, workload.customerIds));
                        return rebuilt.get().withoutReadTimeScores().equals(before.withoutReadTimeScores())
                                && rebuilt.get().rfmScored() == before.rfmScored();
                    });
        } catch (ConditionTimeoutException e) {
            // the assertions below name what differs
        }
        TenantState after = rebuilt.get();
        assertThat(TenantState.differences(after.withoutReadTimeScores(), before.withoutReadTimeScores()))
                .as("differences after the rebuild")
                .isEmpty();
        assertThat(after.rfmScored()).as("customers with an RFM score").isEqualTo(before.rfmScored());
        erased.forEach(customer ->
                assertThat(after.profiles().get(customer)).as(customer).isEqualTo("absent"));
        after.members().values().forEach(members -> assertThat(members).doesNotContainAnyElementsOf(erased));
        String checksum = checksum(after.withoutReadTimeScores());
        assertThat(checksum).isEqualTo(checksum(before.withoutReadTimeScores()));
        Report.fault(new Report.Fault(
                "Rebuild from the log",
                "segmentation and profile stopped, their schemas dropped and their consumer groups deleted"
                        + " (their topologies' changelogs, derived topics and state directories too), started again: they"
                        + " replayed every topic from the start (all tenants of the run)",
                workload.events.size(),
                after.timelineEvents().size(),
                before.timelineEvents().stream()
                        .filter(id -> !after.timelineEvents().contains(id))
                        .count(),
                after.timelineEvents().size()
                        - after.timelineEvents().stream().distinct().count(),
                String.format(
                        "SHA-256 of every profile, timeline and membership of the tenant equal before and after"
                                + " (`%s…`; RFM scores, loyalty tier and VIP, which move with the clock, checked as"
                                + " recomputed: as many scored); the %d customers erased before the wipe are still gone (applied: the"
                                + " events of the customers not erased)",
                        checksum.substring(0, 12), erased.size())));
    }

    private static void deleteRecursively(java.nio.file.Path directory) throws java.io.IOException {
        if (!java.nio.file.Files.exists(directory)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(directory)) {
            for (java.nio.file.Path path :
                    paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(path);
            }
        }
    }

    private static String checksum(TenantState state) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(state.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }
}
