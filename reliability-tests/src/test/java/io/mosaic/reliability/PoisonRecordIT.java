package io.mosaic.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mosaic.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records that are not events, written straight to the log as a broken or hostile producer would: each consumer
 * sends each of them to the DLQ with its error, and the partition moves on to the valid event behind them.
 */
@ExtendWith(Platform.class)
class PoisonRecordIT {
    private static final List<String> CONSUMERS = List.of("mosaic-segmentation", "mosaic-profile");

    @Test
    void poisonGoesToTheDlqWithItsErrorAndThePartitionMovesOn() throws Exception {
        String tenant = Client.newTenant("poison");
        String key = Client.fullKey(tenant);
        String customer = "poisoned-" + UUID.randomUUID();
        String recordKey = tenant + ":" + customer;
        Map<String, byte[]> poison = Map.of(
                "not JSON", "{\"type\": \"purchase.completed\", ".getBytes(StandardCharsets.UTF_8),
                "an event without its required fields",
                        "{\"type\": \"message.received\"}".getBytes(StandardCharsets.UTF_8),
                "an event of another tenant under this tenant's key", event("someone-else", customer));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (byte[] value : poison.values()) {
                producer.send(new ProducerRecord<>(Topics.INTERACTIONS, recordKey, value))
                        .get();
            }
        }
        // Behind the poison, on the same partition (same key): a valid event through the public API.
        Map<String, Object> valid = new java.util.LinkedHashMap<>();
        valid.put("eventId", UUID.randomUUID().toString());
        valid.put("type", "message.received");
        valid.put("occurredAt", Instant.now().minusSeconds(60).toString());
        valid.put("source", "reliability");
        valid.put("customerId", customer);
        valid.put("channel", "chat");
        valid.put("properties", Map.of("ticketId", "t-1"));
        Client.postBatch(key, List.of(valid)).then().statusCode(200);
        Client.awaitCaughtUp(key);

        assertThat(Client.as(key)
                        .get("/v1/profiles/" + customer + "/timeline")
                        .jsonPath()
                        .getList("items.eventId"))
                .containsExactly(valid.get("eventId"));

        List<ConsumerRecord<String, byte[]>> letters = deadLetters(recordKey, poison.size() * CONSUMERS.size());
        for (String consumer : CONSUMERS) {
            List<ConsumerRecord<String, byte[]>> mine = letters.stream()
                    .filter(letter -> header(letter, "dlq-consumer").startsWith(consumer.replace("mosaic-", "")))
                    .toList();
            assertThat(mine).as("dead letters from " + consumer).hasSize(poison.size());
            for (ConsumerRecord<String, byte[]> letter : mine) {
                assertThat(header(letter, "dlq-error-message")).isNotBlank();
                assertThat(header(letter, "dlq-original-topic")).isEqualTo(Topics.INTERACTIONS);
                assertThat(Set.copyOf(poison.values().stream().map(String::new).toList()))
                        .contains(new String(letter.value(), StandardCharsets.UTF_8));
            }
        }
        for (String input : poison.keySet()) {
            Report.hostile(new Report.Hostile(
                    "Poison record on `mosaic.interactions`: " + input,
                    "written straight to the topic, then a valid event for the same key through the API",
                    1,
                    "in `mosaic.interactions.dlq` once per consumer (segmentation, profile) with its error; the valid"
                            + " event behind it applied"));
        }
    }

    private static byte[] event(String tenant, String customer) {
        return ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"message.received\",\"occurredAt\":\""
                        + Instant.now() + "\",\"tenant\":\"" + tenant + "\",\"customerId\":\"" + customer
                        + "\",\"source\":\"x\",\"properties\":{}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Platform.get().bootstrapServers());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(settings);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String recordKey, int expected) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Platform.get().bootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "reliability-dlq-reader-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
            consumer.subscribe(List.of(Topics.INTERACTIONS_DLQ));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(letter -> {
                    if (recordKey.equals(letter.key())) {
                        letters.add(letter);
                    }
                });
                return letters.size() >= expected;
            });
        }
        return letters;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
