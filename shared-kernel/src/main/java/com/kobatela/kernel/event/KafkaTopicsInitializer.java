package com.kobatela.kernel.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Creates the platform topics ({@link Topics#ALL}) at startup when they are missing, with the configured
 * partition count, so that consumers never race the broker's auto-creation. Off in Kubernetes, where Strimzi
 * {@code KafkaTopic} resources own them ({@code kobatela.kafka.create-topics=false}). A broker that is not
 * reachable does not stop the start: readiness reports it.
 */
@ApplicationScoped
public class KafkaTopicsInitializer {

    private static final Logger LOG = Logger.getLogger(KafkaTopicsInitializer.class);

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092")
    String bootstrapServers;

    @ConfigProperty(name = "kobatela.kafka.create-topics", defaultValue = "true")
    boolean createTopics;

    @ConfigProperty(name = "kobatela.kafka.partitions", defaultValue = "3")
    int partitions;

    @ConfigProperty(name = "kobatela.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    void onStart(@Observes StartupEvent ev) {
        if (!createTopics) {
            return;
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : Topics.ALL) {
                topics.add(new NewTopic(name, partitions, replicationFactor));
            }
            var result = admin.createTopics(topics);
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warnf("could not create topic %s: %s", entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (Exception e) {
            LOG.warnf("topic creation skipped, broker not reachable: %s", e.toString());
        }
    }
}
