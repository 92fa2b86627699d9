package io.mosaic.ingestion.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mosaic.events.InteractionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** How batches behave when Kafka fails half-way: nothing half-written, and the pool heals itself. */
class EventPublisherTest {
    private static final Duration PUBLISH_TIMEOUT = Duration.ofMillis(300);
    /** Far longer than the publish timeout, far shorter than a hang. */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(5);

    private final List<MockProducer<String, byte[]>> created = new ArrayList<>();
    private final TransactionalProducerPool pool = new TransactionalProducerPool(1, slot -> {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        created.add(producer);
        return producer;
    });
    private final EventPublisher publisher = new EventPublisher(
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()),
            pool,
            "topic",
            PUBLISH_TIMEOUT,
            1,
            5000);

    private static List<InteractionEvent> events(int count) {
        return TestEvents.from("c-", count);
    }

    @Test
    void aCommittedBatchHasEveryEventKeyedByCustomer() {
        publisher.publishAtomically(events(3));

        MockProducer<String, byte[]> producer = created.get(0);
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.history()).extracting(r -> r.key()).containsExactly("acme:c-0", "acme:c-1", "acme:c-2");
    }

    @Test
    void aFailedCommitIsAbortedAndNothingIsWritten() {
        publisher.publishAtomically(events(1));
        MockProducer<String, byte[]> producer = created.get(0);
        producer.clear();
        producer.commitTransactionException = new TimeoutException("broker gone");

        assertThatThrownBy(() -> publisher.publishAtomically(events(3))).isInstanceOf(PublishFailedException.class);

        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).isEmpty();
        assertThat(producer.closed()).isFalse();
    }

    @Test
    void aProducerThatCannotAbortIsReplaced() {
        publisher.publishAtomically(events(1));
        MockProducer<String, byte[]> broken = created.get(0);
        broken.commitTransactionException = new KafkaException("unknown state");
        broken.abortTransactionException = new KafkaException("still unknown");

        assertThatThrownBy(() -> publisher.publishAtomically(events(1))).isInstanceOf(PublishFailedException.class);
        publisher.publishAtomically(events(2));

        assertThat(broken.closed()).isTrue();
        assertThat(created).hasSize(2);
        assertThat(created.get(1).history()).hasSize(2);
    }

    @Test
    void aBrokerThatIsAwayAtFirstUseGives503AndALaterTryWorks() {
        TransactionalProducerPool flaky = new TransactionalProducerPool(1, new java.util.function.Function<>() {
            private int calls;

            @Override
            public MockProducer<String, byte[]> apply(Integer slot) {
                MockProducer<String, byte[]> producer =
                        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
                if (calls++ == 0) {
                    producer.initTransactionException = new TimeoutException("no broker");
                }
                return producer;
            }
        });
        EventPublisher publisherWithFlakyPool = new EventPublisher(null, flaky, "topic", PUBLISH_TIMEOUT, 1, 5000);

        assertThatThrownBy(() -> publisherWithFlakyPool.publishAtomically(events(1)))
                .isInstanceOf(PublishFailedException.class);
        publisherWithFlakyPool.publishAtomically(events(1));
    }

    @Test
    void aBusyPoolAnswersInsteadOfWaitingForever() {
        TransactionalProducerPool.Slot taken = pool.borrow();

        assertThatThrownBy(() -> publisher.publishAtomically(events(1)))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("busy");

        pool.release(taken);
        publisher.publishAtomically(events(1));
    }

    @Test
    void aBatchWhoseCommitHangsIsAnswered503WithinThePublishTimeoutAndThePoolRecovers() {
        CountDownLatch brokerAnswers = new CountDownLatch(1);
        TransactionalProducerPool hanging = new TransactionalProducerPool(1, slot -> new CommitWaitsFor(brokerAnswers));
        EventPublisher publisherOnHangingBroker = new EventPublisher(null, hanging, "topic", PUBLISH_TIMEOUT, 1, 5000);

        assertTimeoutPreemptively(
                ANSWERED_WITHIN,
                () -> assertThatThrownBy(() -> publisherOnHangingBroker.publishAtomically(events(2)))
                        .isInstanceOf(PublishFailedException.class)
                        .hasMessageContaining("within " + PUBLISH_TIMEOUT));

        brokerAnswers.countDown();
        await().atMost(ANSWERED_WITHIN)
                .ignoreExceptionsInstanceOf(PublishFailedException.class)
                .untilAsserted(() -> publisherOnHangingBroker.publishAtomically(events(1)));
    }

    @Test
    void anEventKafkaNeverAcknowledgesIsAnswered503WithinThePublishTimeout() {
        MockProducer<String, byte[]> silent =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        EventPublisher publisherOnSilentBroker = new EventPublisher(silent, pool, "topic", PUBLISH_TIMEOUT, 1, 5000);

        assertTimeoutPreemptively(
                ANSWERED_WITHIN,
                () -> assertThatThrownBy(() -> publisherOnSilentBroker
                                .publish(events(1).get(0))
                                .toCompletableFuture()
                                .join())
                        .hasCauseInstanceOf(PublishFailedException.class)
                        .hasMessageContaining("within " + PUBLISH_TIMEOUT));
        assertThat(silent.history()).hasSize(1);
    }

    /** A broker that takes the records but answers the commit only when told to. */
    private static final class CommitWaitsFor extends MockProducer<String, byte[]> {
        private final CountDownLatch brokerAnswers;

        CommitWaitsFor(CountDownLatch brokerAnswers) {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
            this.brokerAnswers = brokerAnswers;
        }

        @Override
        public synchronized void commitTransaction() {
            try {
                brokerAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.commitTransaction();
        }
    }
}
