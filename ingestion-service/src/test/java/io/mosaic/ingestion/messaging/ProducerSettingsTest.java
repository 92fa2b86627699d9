package io.mosaic.ingestion.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.testing.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.jpountz.lz4.LZ4Factory;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The settings the running service really uses keep the promise of a 202, whatever else is configured. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ProducerSettingsTest {

    @Inject
    ProducerSettings settings;

    @Test
    void everyEventIsWrittenOnceToAllInSyncReplicas() {
        assertThat(settings.idempotent())
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
                .containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    @Test
    void batchesAreCompressedByTheNativeLz4() {
        assertThat(settings.idempotent()).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // The producer asks lz4-java for its fastest compressor, the same way this does.
        assertThat(LZ4Factory.fastestInstance()).isSameAs(LZ4Factory.nativeInstance());
    }

    @Test
    void aRequestFailsWithinThePublishTimeout() {
        assertThat(settings.idempotent())
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    }

    @Test
    void batchProducersAreTransactionalWithOneIdPerSlot() {
        assertThat(settings.transactional(0))
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Object first = settings.transactional(0).get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        Object second = settings.transactional(1).get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        assertThat(first)
                .isNotNull()
                .isNotEqualTo(second)
                .isEqualTo(settings.transactional(0).get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
    }
}
