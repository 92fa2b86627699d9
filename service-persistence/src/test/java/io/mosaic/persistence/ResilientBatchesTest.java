package io.mosaic.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mosaic.common.kafka.TopicsConfig;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which failures stop a partition to retry, and which send a record to the DLQ. */
class ResilientBatchesTest {

    private static RuntimeException database(String sqlState) {
        return new RuntimeException("batch failed", new Jdbc.DatabaseException(new SQLException("boom", sqlState)));
    }

    @Test
    void anUnreachableOrBusyDatabaseIsRetried() {
        assertThat(ResilientBatches.isTransient(database("08006")))
                .as("connection lost")
                .isTrue();
        assertThat(ResilientBatches.isTransient(database("40P01")))
                .as("deadlock")
                .isTrue();
        assertThat(ResilientBatches.isTransient(database("57P01")))
                .as("admin shutdown")
                .isTrue();
        assertThat(ResilientBatches.isTransient(database(null)))
                .as("no state: be careful, retry")
                .isTrue();
    }

    @Test
    void aRecordThatTheDatabaseRefusesIsNotRetriedForever() {
        assertThat(ResilientBatches.isTransient(database("22P05")))
                .as("untranslatable character")
                .isFalse();
        assertThat(ResilientBatches.isTransient(database("23505")))
                .as("unique violation")
                .isFalse();
        assertThat(ResilientBatches.isTransient(new IllegalStateException("a bug")))
                .isFalse();
    }

    @Test
    void aDeadLetterTopicThatIsAwayIsRetried() {
        assertThat(ResilientBatches.isTransient(new DeadLetters.UnavailableException(new Exception("no broker"))))
                .isTrue();
    }

    @Test
    void aRecordThatFailsWhileRunningGoesToTheDlqAndTheBatchIsDone() throws InterruptedException {
        RecordingDeadLetters deadLetters = new RecordingDeadLetters();
        List<Long> applied = new ArrayList<>();
        ResilientBatches batches = applying(deadLetters, records -> {
            if (records.stream().anyMatch(r -> r.offset() == 1)) {
                throw new IllegalStateException("a bug");
            }
            records.forEach(r -> applied.add(r.offset()));
        });

        batches.consume(batch(0, 1, 2));

        assertThat(applied).containsExactly(0L, 2L);
        assertThat(deadLetters.sent).containsExactly(1L);
    }

    @Test
    void aBatchThatFailsWhileTheServiceStopsIsGivenUpNotDeadLettered() {
        RecordingDeadLetters deadLetters = new RecordingDeadLetters();
        deadLetters.onStop(null);
        ResilientBatches batches = applying(deadLetters, records -> {
            throw new IllegalStateException("EntityManagerFactory is closed");
        });

        assertThatThrownBy(() -> batches.consume(batch(0, 1)))
                .isInstanceOf(ResilientBatches.StoppingException.class)
                .hasRootCauseMessage("EntityManagerFactory is closed");
        assertThat(deadLetters.sent).as("dead-lettered").isEmpty();
    }

    @Test
    void aDatabaseThatIsAwayWhileTheServiceStopsDoesNotHoldTheShutdown() {
        RecordingDeadLetters deadLetters = new RecordingDeadLetters();
        deadLetters.onStop(null);
        ResilientBatches batches = applying(deadLetters, records -> {
            throw database("08006");
        });

        assertThatThrownBy(() -> batches.consume(batch(0)))
                .as("given up at once, not retried until the database is back")
                .isInstanceOf(ResilientBatches.StoppingException.class);
    }

    private static ResilientBatches applying(
            DeadLetters deadLetters, java.util.function.Consumer<List<ConsumerRecord<String, byte[]>>> apply) {
        return new ResilientBatches("test", apply, record -> {}, deadLetters, new SimpleMeterRegistry());
    }

    private static ConsumerRecords<String, byte[]> batch(long... offsets) {
        TopicPartition partition = new TopicPartition("t", 0);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (long offset : offsets) {
            records.add(new ConsumerRecord<>("t", 0, offset, "k", "v".getBytes(StandardCharsets.UTF_8)));
        }
        return new ConsumerRecords<>(Map.of(partition, records), Map.of());
    }

    /** Keeps the offsets it is given instead of sending them; its producer never connects. */
    private static final class RecordingDeadLetters extends DeadLetters {
        final List<Long> sent = new ArrayList<>();

        RecordingDeadLetters() {
            super(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"),
                    new TopicsConfig() {
                        public String interactions() {
                            return "i";
                        }

                        public String interactionsDlq() {
                            return "dlq";
                        }

                        public String segmentChanges() {
                            return "s";
                        }

                        public String customerBehavior() {
                            return "b";
                        }

                        public int partitions() {
                            return 1;
                        }

                        public short replicationFactor() {
                            return 1;
                        }

                        public Duration retention() {
                            return Duration.ofDays(1);
                        }
                    },
                    "test",
                    new SimpleMeterRegistry());
        }

        @Override
        public void send(ConsumerRecord<String, byte[]> record, Exception error) {
            sent.add(record.offset());
        }
    }
}
