package io.mosaic.segmentation.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.segmentation.persistence.Jdbc;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures stop a partition to retry, and which send a record to the DLQ. */
class InteractionConsumerTest {

    private static RuntimeException database(String sqlState) {
        return new RuntimeException("batch failed", new Jdbc.DatabaseException(new SQLException("boom", sqlState)));
    }

    @Test
    void anUnreachableOrBusyDatabaseIsRetried() {
        assertThat(InteractionConsumer.isTransient(database("08006")))
                .as("connection lost")
                .isTrue();
        assertThat(InteractionConsumer.isTransient(database("40P01")))
                .as("deadlock")
                .isTrue();
        assertThat(InteractionConsumer.isTransient(database("57P01")))
                .as("admin shutdown")
                .isTrue();
        assertThat(InteractionConsumer.isTransient(database(null)))
                .as("no state: be careful, retry")
                .isTrue();
    }

    @Test
    void aRecordThatTheDatabaseRefusesIsNotRetriedForever() {
        assertThat(InteractionConsumer.isTransient(database("22P05")))
                .as("untranslatable character")
                .isFalse();
        assertThat(InteractionConsumer.isTransient(database("23505")))
                .as("unique violation")
                .isFalse();
        assertThat(InteractionConsumer.isTransient(new IllegalStateException("a bug")))
                .isFalse();
    }

    @Test
    void aDeadLetterTopicThatIsAwayIsRetried() {
        assertThat(InteractionConsumer.isTransient(new DeadLetters.UnavailableException(new Exception("no broker"))))
                .isTrue();
    }
}
