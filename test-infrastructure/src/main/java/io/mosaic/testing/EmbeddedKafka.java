package io.mosaic.testing;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * A real single-node Kafka (KRaft, broker and controller combined) running inside the test JVM from Apache
 * Kafka's own jars: started on first use, once per JVM, on free ports, and stopped when the JVM exits.
 */
public final class EmbeddedKafka {
    private static KafkaClusterTestKit cluster;

    private EmbeddedKafka() {}

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedKafka::stop, "embedded-kafka-stop"));
        }
        return cluster.bootstrapServers();
    }

    private static KafkaClusterTestKit start() {
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // Services create their topics; a test must not pass because the broker made one up.
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("The embedded Kafka broker did not start: " + e.getMessage(), e);
        }
    }

    private static synchronized void stop() {
        // A checkpoint written while the test kit deletes its directories fails the log dir, and Kafka then halts
        // the JVM with status 1: the test run would be reported failed after every test passed.
        Exit.setHaltProcedure((status, message) -> {});
        Exit.setExitProcedure((status, message) -> {});
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("Embedded Kafka did not stop cleanly: " + e);
        }
    }
}
