package io.mosaic.streams;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A fault for the reliability tests, installed only when {@code MOSAIC_TEST_PRODUCER_INTERCEPTORS} names it and
 * active only when {@code MOSAIC_TEST_HALT_AFTER_APPLIED_BATCHES} is set: the JVM halts
 * (as a SIGKILL would end it) once the topology's producer has had that many records acknowledged by the broker,
 * inside a transaction that has not committed: state changes and outputs are in the log, the input offsets are not.
 * That is the window exactly-once must cover (the next life aborts the transaction and restores the stores); a kill
 * at a random moment lands in it only by chance.
 */
public final class CrashWindowInterceptor implements ProducerInterceptor<byte[], byte[]> {
    private static final int HALT_AFTER = Integer.parseInt(
            java.util.Objects.requireNonNullElse(System.getenv("MOSAIC_TEST_HALT_AFTER_APPLIED_BATCHES"), "0"));
    private static final AtomicInteger ACKNOWLEDGED = new AtomicInteger();

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (HALT_AFTER > 0 && exception == null && ACKNOWLEDGED.incrementAndGet() >= HALT_AFTER) {
            System.err.println("mosaic: halting inside an open transaction of the topology (test fault)");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
