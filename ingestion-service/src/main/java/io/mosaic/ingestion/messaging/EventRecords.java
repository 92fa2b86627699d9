package io.mosaic.ingestion.messaging;

import io.mosaic.events.EventHeaders;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** An event as a Kafka record: keyed by tenant and customer, so a customer's events keep their order. */
final class EventRecords {
    private EventRecords() {}

    static ProducerRecord<String, byte[]> of(String topic, InteractionEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_ID, utf8(event.eventId()));
        headers.add(EventHeaders.EVENT_TYPE, utf8(event.type().wireName()));
        headers.add(EventHeaders.TENANT, utf8(event.tenant()));
        headers.add(EventHeaders.SCHEMA_VERSION, utf8(Integer.toString(event.schemaVersion())));
        return new ProducerRecord<>(topic, null, event.key(), EventJson.toBytes(event), headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
