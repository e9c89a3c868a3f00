package com.kobatela.testsupport;

import java.util.Map;

import org.apache.kafka.common.utils.Exit;
import org.jboss.logging.Logger;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka KRaft broker for service tests (ARCHITECTURE §9): {@code KafkaClusterTestKit} with one combined
 * broker/controller node, started once per JVM (a fresh broker, hence fresh topics, for every test run) and
 * closed at JVM exit. Sets {@code kafka.bootstrap.servers}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(KafkaTestResource.class);

    private static KafkaClusterTestKit cluster;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker lives for the whole JVM.
    }

    /**
     * Bootstrap servers of this JVM's broker, started on first use. The broker must never end the test JVM: Kafka
     * halts its process on some fatal conditions (e.g. a log directory removed by a shutdown hook while the broker
     * closes at JVM exit), which made the JVM exit with a non-zero code after every test had passed, so Kafka's exit and
     * halt procedures are replaced by a log line (as Kafka's own tests do).
     */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            Exit.setExitProcedure((status, message) -> LOG.warnf("Kafka test broker asked to exit (%d): %s", status, message));
            Exit.setHaltProcedure((status, message) -> LOG.warnf("Kafka test broker asked to halt (%d): %s", status, message));
            try {
                KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                        .setConfigProp("auto.create.topics.enable", "true")
                        .setConfigProp("num.partitions", "3")
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .build();
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
                cluster = kit;
            } catch (Exception e) {
                throw new IllegalStateException("could not start the Kafka test broker", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception ignored) {
                    // JVM is exiting
                }
            }));
        }
        return cluster.bootstrapServers();
    }
}
