package io.mosaic.streams;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Forwards a record that cannot be applied to the DLQ sink of a topology, with where it came from, which consumer
 * refused it and why, in headers.
 */
public final class StreamDeadLetters {
    private final ProcessorContext<String, byte[]> context;
    private final String consumer;
    private final String sink;

    /** {@code consumer} names the refusing consumer in the {@code dlq-consumer} header; {@code sink} the DLQ sink. */
    public StreamDeadLetters(ProcessorContext<String, byte[]> context, String consumer, String sink) {
        this.context = context;
        this.consumer = consumer;
        this.sink = sink;
    }

    public void send(Record<String, byte[]> record, Exception error) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        context.recordMetadata().ifPresent(metadata -> {
            headers.add("dlq-original-topic", utf8(metadata.topic()));
            headers.add("dlq-original-partition", utf8(Integer.toString(metadata.partition())));
            headers.add("dlq-original-offset", utf8(Long.toString(metadata.offset())));
        });
        headers.add("dlq-consumer", utf8(consumer));
        headers.add("dlq-error-class", utf8(error.getClass().getName()));
        headers.add("dlq-error-message", utf8(String.valueOf(error.getMessage())));
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers), sink);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
