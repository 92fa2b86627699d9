package io.mosaic.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
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
}
