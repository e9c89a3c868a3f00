package com.kobatela.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes and reads CloudEvents (binary mode) on this JVM's test broker, as another service would, so a
 * service test can feed its consumers and check what its outbox published.
 */
public final class TestEvents {

    private TestEvents() {
    }

    /**
     * Publishes an event and waits for the broker's acknowledgement.
     *
     * @param id   the {@code ce_id} (reuse it to simulate a redelivery)
     * @param json the payload (snake_case JSON)
     */
    public static void publish(String topic, String key, String type, String id, String json) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, json);
            header(r, "ce_specversion", "1.0");
            header(r, "ce_id", id);
            header(r, "ce_type", type);
            header(r, "ce_source", "/test");
            header(r, "ce_subject", key);
            header(r, "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString());
            header(r, "content-type", "application/json");
            header(r, "ce_kobactor", "system:test");
            producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish test event", e);
        }
    }

    /** Publishes with a fresh random id. */
    public static String publish(String topic, String key, String type, String json) {
        String id = UUID.randomUUID().toString();
        publish(topic, key, type, id, json);
        return id;
    }

    /**
     * Reads a topic from the beginning until {@code until} holds for the records read, or the timeout ends.
     *
     * @return every record read
     */
    public static List<ConsumerRecord<String, String>> read(String topic, Duration timeout,
            Predicate<List<ConsumerRecord<String, String>>> until) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !until.test(out)) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** A header value as text, or null. */
    public static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void header(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
