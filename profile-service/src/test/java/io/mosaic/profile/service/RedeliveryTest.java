package io.mosaic.profile.service;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.mosaic.events.InteractionEvent;
import io.mosaic.events.Topics;
import io.mosaic.profile.ProfileTestBase;
import io.mosaic.testing.EventLog;
import io.mosaic.testing.FreshStateDirectory;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.mosaic.testing.TopicRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A retried event counts once; poison records go to the DLQ and the partition moves on. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(FreshStateDirectory.class)
@WithTestResource(PostgresTestResource.class)
class RedeliveryTest extends ProfileTestBase {
    @Test
    void aRetriedEventIdChangesNothing() {
        InteractionEvent identified = identified(
                "r-1", now.minus(Duration.ofHours(1)), "'email': 'r1@tokoku.id'", "'geographic': {'city': 'Malang'}");
        InteractionEvent message = event("r-1", "message.received", now, "'channel': 'sms'");
        publish(identified, message);
        awaitCaughtUp();
        int version =
                api().get("/v1/profiles/r-1").then().statusCode(200).extract().path("version");

        publish(identified, message);
        publish(identified);
        awaitCaughtUp();

        api().get("/v1/profiles/r-1").then().statusCode(200).body("version", equalTo(version));
        api().get("/v1/profiles/r-1/timeline").then().body("items", hasSize(2));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        EventLog.publishRaw(kafka, tenant + ":bad", "{not json");
        publish(event("after-poison", "message.received", now, "'channel': 'chat'"));

        ConsumerRecord<String, String> letter = TopicRecords.awaitOne(
                kafka,
                Topics.INTERACTIONS_DLQ,
                record -> (tenant + ":bad").equals(record.key())
                        && TopicRecords.header(record, "dlq-consumer")
                                .filter("profile-service"::equals)
                                .isPresent());
        org.assertj.core.api.Assertions.assertThat(TopicRecords.header(letter, "dlq-error-message"))
                .isPresent();
        awaitProfile("after-poison", profile -> profile.body("customerId", equalTo("after-poison")));
    }

    @Test
    void aMalformedSegmentChangeGoesToTheDeadLetterTopic() {
        publishTo(Topics.SEGMENT_CHANGES, "s-1", "{'tenant': '" + tenant + "'}");
        publishTo(
                Topics.SEGMENT_CHANGES,
                "s-1",
                "{'tenant': '" + tenant + "', 'customerId': 's-1', 'segmentId': 'vip', 'segmentName': 'VIP',"
                        + " 'change': 'entered', 'at': '" + now + "', 'cause': 'time'}");
        publish(identified("s-1", now, "", "'geographic': {'city': 'Batam'}"));

        TopicRecords.awaitOne(kafka, Topics.INTERACTIONS_DLQ, record -> (tenant + ":s-1").equals(record.key()));
        awaitProfile("s-1", profile -> profile.body("segments[0].id", equalTo("vip")));
    }
}
