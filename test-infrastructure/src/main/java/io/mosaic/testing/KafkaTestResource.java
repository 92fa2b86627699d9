package io.mosaic.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.Map;

/** Points the service under test at the embedded Kafka broker and injects a {@link KafkaCompanion} into tests. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        String bootstrapServers = EmbeddedKafka.bootstrapServers();
        companion = new KafkaCompanion(bootstrapServers);
        return Map.of("kafka.bootstrap.servers", bootstrapServers);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                companion, new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
    }
}
