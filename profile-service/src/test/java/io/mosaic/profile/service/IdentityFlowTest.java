package io.mosaic.profile.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.Topics;
import io.mosaic.events.properties.CustomerMerged;
import io.mosaic.profile.ProfileTestBase;
import io.mosaic.testing.FreshStateDirectory;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.mosaic.testing.TopicRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Merges, decided here or sent by ticketing systems, and their safeguards. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(FreshStateDirectory.class)
@WithTestResource(PostgresTestResource.class)
class IdentityFlowTest extends ProfileTestBase {

    private InteractionEvent merged(String survivor, String absorbed) {
        return event(survivor, "customer.merged", now, "'properties': {'mergedCustomerId': '" + absorbed + "'}");
    }

    @Test
    void customersSharingAnEmailMergeIntoTheOneFirstSeenThroughAPublishedDecision() {
        publish(identified(
                "a", now.minus(Duration.ofDays(10)), "'email': 'sari@tokoku.id'", "'geographic': {'city': 'Bogor'}"));
        awaitProfile("a", profile -> profile.body("customerId", equalTo("a")));
        publish(identified(
                "b",
                now,
                "'email': 'SARI@tokoku.id', 'phone': '+628120000111'",
                "'demographic': {'gender': 'female'}"));

        ConsumerRecord<String, String> decision = TopicRecords.awaitOne(
                kafka,
                Topics.INTERACTIONS,
                record -> record.key().equals(tenant + ":a") && record.value().contains("customer.merged"));
        InteractionEvent merge = EventJson.fromBytes(decision.value().getBytes());
        assertThat(merge.source()).isEqualTo("mosaic");
        assertThat(merge.propertiesAs(CustomerMerged.class).mergedCustomerId()).isEqualTo("b");

        awaitProfile(
                "b",
                profile -> profile.body("customerId", equalTo("a"))
                        .body("mergedCustomerIds", contains("b"))
                        .body("traits.geographic.city", equalTo("Bogor"))
                        .body("traits.demographic.gender", equalTo("female"))
                        .body("identifiers.phones", contains("+628120000111")));
        api().queryParam("phone", "+628120000111")
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("customerId", equalTo("a"));
        api().queryParam("email", "sari@tokoku.id")
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("customerId", equalTo("a"));
        api().get("/v1/profiles/b/timeline")
                .then()
                .statusCode(200)
                .body("items.customerId", containsInAnyOrder("a", "b"));
    }

    /**
     * Three customers on three partitions present one email at the same moment (three producers, released
     * together): their claims meet in the task that owns the email, one after the other, so each later customer is
     * merged by exactly one decision (into whichever holder was first seen when its claim arrived) and all end in
     * the first seen.
     */
    @Test
    void customersPresentingOneEmailAtOnceFromDifferentPartitionsMergeOnceIntoTheFirstSeen() throws Exception {
        List<String> customers = onDistinctPartitions(3);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < customers.size(); i++) {
                InteractionEvent presented = identified(
                        customers.get(i), now.minus(Duration.ofDays(10 - i)), "'email': 'dewi@tokoku.id'", "");
                sent.add(senders.submit(() -> {
                    start.await();
                    publish(presented);
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> send : sent) {
                send.get();
            }
        } finally {
            senders.shutdown();
        }
        awaitCaughtUp();

        List<InteractionEvent> merges = TopicRecords.toEnd(
                        io.mosaic.testing.EmbeddedKafka.bootstrapServers(),
                        Topics.INTERACTIONS,
                        record -> record.key().startsWith(tenant + ":")
                                && record.value().contains("customer.merged"))
                .stream()
                .map(record -> EventJson.fromBytes(record.value().getBytes()))
                .toList();
        assertThat(merges)
                .extracting(merge -> merge.propertiesAs(CustomerMerged.class).mergedCustomerId())
                .as("one decision per absorbed customer")
                .hasSize(2)
                .doesNotHaveDuplicates()
                .doesNotContain(customers.get(0));
        for (String customer : customers) {
            api().get("/v1/profiles/{id}", customer)
                    .then()
                    .statusCode(200)
                    .body("customerId", equalTo(customers.get(0)));
        }
    }

    /** Customer ids of this tenant whose records land on {@code count} different partitions of the events. */
    private List<String> onDistinctPartitions(int count) {
        List<String> customers = new java.util.ArrayList<>();
        java.util.Set<Integer> partitions = new java.util.HashSet<>();
        for (int i = 0; customers.size() < count; i++) {
            String customer = "d-" + i;
            byte[] key = (tenant + ":" + customer).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (partitions.add(
                    org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key))
                            % 12)) {
                customers.add(customer);
            }
        }
        return customers;
    }

    @Test
    void explicitMergesChainAndMayArriveBeforeTheAbsorbedCustomersEvents() {
        publish(identified("x", now.minus(Duration.ofDays(1)), "", "'geographic': {'city': 'Surabaya'}"));
        publish(merged("y", "z"), merged("x", "y"));
        publish(identified(
                "z",
                now.minus(Duration.ofDays(2)),
                "'externalIds': {'zendesk': '42'}",
                "'demographic': {'occupation': 'nurse'}"));

        awaitProfile(
                "z",
                profile -> profile.body("customerId", equalTo("x"))
                        .body("mergedCustomerIds", contains("y", "z"))
                        .body("traits.geographic.city", equalTo("Surabaya"))
                        .body("traits.demographic.occupation", equalTo("nurse"))
                        .body(
                                "firstSeenAt",
                                equalTo(now.minus(Duration.ofDays(2)).toString())));
        api().queryParam("externalId", "zendesk:42")
                .get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("customerId", equalTo("x"));
        api().get("/v1/profiles/y").then().statusCode(200).body("customerId", equalTo("x"));
    }

    @Test
    void mergingTheSameCustomersAgainChangesNothing() {
        publish(identified("m-1", now.minus(Duration.ofHours(2)), "", "'geographic': {'city': 'Depok'}"));
        publish(identified("m-2", now.minus(Duration.ofHours(1)), "", "'geographic': {'city': 'Bekasi'}"));
        publish(merged("m-1", "m-2"));
        awaitProfile("m-2", profile -> profile.body("customerId", equalTo("m-1")));
        awaitCaughtUp();
        int version = api().get("/v1/profiles/m-1").then().extract().path("version");

        publish(merged("m-1", "m-2"), merged("m-2", "m-1"));
        awaitCaughtUp();

        api().get("/v1/profiles/m-1")
                .then()
                .body("version", equalTo(version))
                .body("traits.geographic.city", equalTo("Bekasi"));
    }

    @Test
    void anIdentifierSharedByMoreThanTheLimitMergesNothingMore() {
        String phone = "'phone': '+628170000999'";
        publish(identified("f-1", now.minus(Duration.ofDays(4)), phone, ""));
        awaitCaughtUp();
        publish(identified("f-2", now.minus(Duration.ofDays(3)), phone, ""));
        awaitCaughtUp();
        publish(identified("f-3", now.minus(Duration.ofDays(2)), phone, ""));
        awaitCaughtUp();
        publish(identified("f-4", now.minus(Duration.ofDays(1)), phone, ""));
        awaitCaughtUp();

        api().get("/v1/profiles/f-3").then().statusCode(200).body("customerId", equalTo("f-1"));
        api().get("/v1/profiles/f-4").then().statusCode(200).body("customerId", equalTo("f-4"));
        api().queryParam("phone", "+628170000999")
                .get("/v1/profiles")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("phone"))
                .body("customerIds", contains("f-1", "f-4"));
    }

    @Test
    void placeholderIdentifiersAreNeitherRecordedNorMergedOn() {
        publish(identified(
                "p-1", now.minus(Duration.ofDays(1)), "'email': 'noreply@tokoku.id', 'phone': '+620000000000'", ""));
        publish(identified("p-2", now, "'email': 'noreply@tokoku.id', 'phone': '+620000000000'", ""));
        awaitCaughtUp();

        api().get("/v1/profiles/p-2").then().statusCode(200).body("customerId", equalTo("p-2"));
        api().get("/v1/profiles/p-1").then().statusCode(200).body("identifiers.emails", org.hamcrest.Matchers.empty());
        api().queryParam("email", "noreply@tokoku.id")
                .get("/v1/profiles")
                .then()
                .statusCode(404);
    }

    @Test
    void anErasedCustomerIsGoneEverywhereAndAReplayDoesNotBringThemBack() {
        List<InteractionEvent> history = List.of(
                identified(
                        "e-1",
                        now.minus(Duration.ofDays(5)),
                        "'email': 'gone@tokoku.id'",
                        "'geographic': {'city': 'Solo'}"),
                event("e-1", "message.received", now.minus(Duration.ofDays(4)), "'channel': 'whatsapp'"));
        publish(history.toArray(InteractionEvent[]::new));
        publish(merged("e-1", "e-2"));
        awaitProfile("e-2", profile -> profile.body("customerId", equalTo("e-1")));
        publishTo(
                Topics.CUSTOMER_BEHAVIOR,
                "e-1",
                "{'tenant': '" + tenant + "', 'customerId': 'e-1', 'asOf': '" + now.minus(Duration.ofDays(1)) + "',"
                        + " 'behavior': {'purchases': {'count': 1}}}");

        api().delete("/v1/profiles/e-2")
                .then()
                .statusCode(202)
                .body("customerId", equalTo("e-1"))
                .body("status", equalTo("erasure-requested"));
        ConsumerRecord<String, String> erasure = TopicRecords.awaitOne(
                kafka,
                Topics.INTERACTIONS,
                record -> record.key().equals(tenant + ":e-1") && record.value().contains("customer.erased"));
        assertThat(erasure.value()).doesNotContain("gone@tokoku.id").doesNotContain("Solo");

        awaitCaughtUp();
        for (String path : List.of("/v1/profiles/e-1", "/v1/profiles/e-2", "/v1/profiles?email=gone@tokoku.id")) {
            api().get(path).then().statusCode(404);
        }
        assertThat(rowsAbout(List.of("e-1", "e-2")))
                .as("rows left about the erased customer")
                .isZero();

        // the same events again, as a replay of the log would deliver them (new ids: dedup must not be what saves us)
        publish(history.stream()
                .map(
                        e -> event(
                                e.customerId(),
                                e.type().wireName(),
                                e.occurredAt(),
                                e.type().wireName().equals("message.received")
                                        ? "'channel': 'whatsapp'"
                                        : "'identifiers': {'email': 'gone@tokoku.id'}, 'properties': {'traits': {'geographic': {'city': 'Solo'}}}"))
                .toArray(InteractionEvent[]::new));
        awaitCaughtUp();
        api().get("/v1/profiles/e-1").then().statusCode(404);
        assertThat(rowsAbout(List.of("e-1", "e-2"))).isZero();
    }

    @Test
    void erasingAnUnknownCustomerIsNotFound() {
        api().delete("/v1/profiles/nobody").then().statusCode(404).contentType("application/problem+json");
    }

    /** Rows of the read model about these ids: their documents, timelines and every key they were found by. */
    private long rowsAbout(List<String> customerIds) {
        long rows = 0;
        for (String condition : List.of(
                "profile_document where tenant = ? and customer_id = any(?)",
                "timeline_entry where tenant = ? and customer_id = any(?)",
                "profile_lookup where tenant = ? and (customer_id = any(?) or value = any(?) or value = 'gone@tokoku.id')")) {
            rows += jdbc.query(
                            "select count(*) from " + condition,
                            statement -> {
                                statement.setString(1, tenant);
                                java.sql.Array ids =
                                        statement.getConnection().createArrayOf("text", customerIds.toArray());
                                statement.setArray(2, ids);
                                if (condition.contains("value = any")) {
                                    statement.setArray(3, ids);
                                }
                            },
                            row -> row.getLong(1))
                    .get(0);
        }
        return rows;
    }
}
