package io.mosaic.testing;

import io.mosaic.events.EventHeaders;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.Topics;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes events to the log exactly as ingestion does. */
public final class EventLog {
    private EventLog() {}

    public static void publish(KafkaCompanion kafka, InteractionEvent... events) {
        kafka.produce(String.class, byte[].class)
                .fromRecords(Arrays.stream(events).map(EventLog::record).toList())
                .awaitCompletion();
    }

    public static void publishRaw(KafkaCompanion kafka, String key, String value) {
        kafka.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>(Topics.INTERACTIONS, key, value.getBytes(StandardCharsets.UTF_8)))
                .awaitCompletion();
    }

    public static ProducerRecord<String, byte[]> record(InteractionEvent event) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.INTERACTIONS, event.key(), EventJson.toBytes(event));
        record.headers().add(EventHeaders.EVENT_ID, event.eventId().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, event.type().wireName().getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
