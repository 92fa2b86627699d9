package io.mosaic.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The servers every service test relies on are real: a Kafka that stores records and a PostgreSQL that runs SQL. */
class EmbeddedInfrastructureTest {

    @Test
    void kafkaStoresAndReturnsRecords() {
        try (KafkaCompanion kafka = new KafkaCompanion(EmbeddedKafka.bootstrapServers())) {
            kafka.topics().createAndWait("infra-check", 3);
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>("infra-check", "k", "v"))
                    .awaitCompletion();

            var record =
                    TopicRecords.awaitOne(kafka, "infra-check", r -> r.key().equals("k"));

            assertThat(record.value()).isEqualTo("v");
        }
    }

    @Test
    void kafkaIsStartedOncePerJvm() {
        assertThat(EmbeddedKafka.bootstrapServers()).isEqualTo(EmbeddedKafka.bootstrapServers());
    }

    @Test
    void postgresRunsSql() throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        EmbeddedDatabase.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
                ResultSet result = connection.createStatement().executeQuery("select version()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).startsWith("PostgreSQL 17");
        }
    }

    @Test
    void theResourcesHandTheirAddressesToQuarkus() {
        KafkaTestResource kafkaResource = new KafkaTestResource();
        Map<String, String> kafka = kafkaResource.start();
        Map<String, String> postgres = new PostgresTestResource().start();
        kafkaResource.stop();

        assertThat(kafka).containsEntry("kafka.bootstrap.servers", EmbeddedKafka.bootstrapServers());
        assertThat(postgres).containsEntry("quarkus.datasource.jdbc.url", EmbeddedDatabase.jdbcUrl());
    }
}
