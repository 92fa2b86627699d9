package io.mosaic.segmentation.stream;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Forwards a record that cannot be applied to the DLQ, with where it came from and why, in headers. */
final class DeadLetters {
    private final ProcessorContext<String, byte[]> context;

    DeadLetters(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    void send(Record<String, byte[]> record, Exception error) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        context.recordMetadata().ifPresent(metadata -> {
            headers.add("dlq-original-topic", utf8(metadata.topic()));
            headers.add("dlq-original-partition", utf8(Integer.toString(metadata.partition())));
            headers.add("dlq-original-offset", utf8(Long.toString(metadata.offset())));
        });
        headers.add("dlq-consumer", utf8("segmentation-topology"));
        headers.add("dlq-error-class", utf8(error.getClass().getName()));
        headers.add("dlq-error-message", utf8(String.valueOf(error.getMessage())));
        context.forward(
                new Record<>(record.key(), record.value(), record.timestamp(), headers), SegmentationTopology.DLQ);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
