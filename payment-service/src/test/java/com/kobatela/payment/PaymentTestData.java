package com.kobatela.payment;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;

/** Test fixtures: unique ids, escrow events published as escrow-service would, direct database reads. */
public final class PaymentTestData {

    private static final AtomicLong IDS = new AtomicLong(5000 + (System.nanoTime() & 0xffff));

    private PaymentTestData() {
    }

    /** A fresh id, unique within this JVM. */
    public static long nextId() {
        return IDS.incrementAndGet();
    }

    /** Bootstrap servers of the test broker. */
    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** CloudEvents headers of an escrow event. */
    public static Map<String, String> headers(String eventId, String type, long escrowId) {
        return Map.of("ce_id", eventId, "ce_type", type, "ce_source", "/escrow-service", "ce_specversion", "1.0",
                "ce_subject", String.valueOf(escrowId), "ce_time", "2030-01-01T00:00:00Z", "ce_kobactor", "apikey:koba_000001",
                "content-type", "application/json");
    }

    /** Publishes {@code escrow.created.v1} for an escrow owned by {@code owner}; returns the event id. */
    public static String escrowCreated(long escrowId, String owner, String total, String currency) {
        String id = UUID.randomUUID().toString();
        publish(Topics.ESCROW, String.valueOf(escrowId), headers(id, "escrow.created.v1", escrowId),
                "{\"escrow_id\": " + escrowId + ", \"owner_principal\": \"" + owner + "\", \"client_id\": 1, \"provider_id\": 2,"
                        + " \"amount_total\": \"" + total + "\", \"currency\": \"" + currency + "\", \"domain\": \"private\","
                        + " \"status\": \"DRAFT\", \"deadline_at\": \"2030-01-01T00:00:00Z\"}");
        return id;
    }

    /** Publishes {@code escrow.deposited.v1} with the given event id. */
    public static void escrowDeposited(String eventId, long escrowId, long depositId, String amount, String currency) {
        publish(Topics.ESCROW, String.valueOf(escrowId), headers(eventId, "escrow.deposited.v1", escrowId),
                "{\"escrow_id\": " + escrowId + ", \"deposit_id\": " + depositId + ", \"amount\": \"" + amount + "\", \"currency\": \""
                        + currency + "\", \"idempotency_key\": \"k-" + depositId + "\", \"escrow_status\": \"DRAFT\"}");
    }

    /** Sends a record with headers and waits for the broker's ack. */
    public static void publish(String topic, String key, Map<String, String> headers, String payload) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, payload);
            headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record currently in a topic (all partitions, from the beginning). */
    public static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /** A header value as text, or null. */
    public static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Runs a query returning one long. */
    public static long queryLong(String sql, Object... params) {
        var c = ConfigProvider.getConfig();
        try (Connection conn = DriverManager.getConnection(c.getValue("quarkus.datasource.jdbc.url", String.class),
                c.getValue("quarkus.datasource.username", String.class),
                c.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
                PreparedStatement st = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deadline of every "eventually" in the tests. */
    public static final Duration EVENTUALLY = Duration.ofSeconds(30);

    /** Awaits a condition with the standard deadline, polling every 100 ms. */
    public static void eventually(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(100)).until(condition);
    }

    /**
     * An escrow known to payment-service, owned by {@code owner}, with {@code deposited} credited (0 for none); waits
     * until the ledger shows it.
     */
    public static long escrow(String owner, String currency, String deposited) {
        long escrowId = nextId();
        escrowCreated(escrowId, owner, "100000.00", currency);
        if (new java.math.BigDecimal(deposited).signum() > 0) {
            escrowDeposited(UUID.randomUUID().toString(), escrowId, nextId(), deposited, currency);
        }
        eventually(() -> queryLong("select count(*) from escrow_balances where escrow_id = ? and deposited = ?", escrowId,
                new java.math.BigDecimal(deposited)) == 1);
        return escrowId;
    }

    /** The milestone payout key of CONTRACTS: {@code pay|escrow:<e>|ms:<m>|amt:<amount>}. */
    public static String milestoneKey(long escrowId, long milestoneId, String amount) {
        return "pay|escrow:" + escrowId + "|ms:" + milestoneId + "|amt:" + amount;
    }

    /** Publishes {@code escrow.payout-requested.v1} with the given event id (reuse it for a redelivery). */
    public static void payoutRequested(String eventId, long escrowId, long milestoneId, String amount, String currency, String key) {
        TestEvents.publish(Topics.ESCROW, String.valueOf(escrowId), EventTypes.PAYOUT_REQUESTED, eventId,
                "{\"escrow_id\": " + escrowId + ", \"milestone_id\": " + milestoneId + ", \"amount\": \"" + amount + "\", \"currency\": \""
                        + currency + "\", \"beneficiary\": \"user:2\", \"idempotency_key\": \"" + key + "\", \"source\": \"milestone\","
                        + " \"note\": null}");
    }

    /** Publishes a milestone payout request with a fresh event id and the contract key; returns the key. */
    public static String payoutRequested(long escrowId, long milestoneId, String amount, String currency) {
        String key = milestoneKey(escrowId, milestoneId, amount);
        payoutRequested(UUID.randomUUID().toString(), escrowId, milestoneId, amount, currency, key);
        return key;
    }

    /** Publishes {@code spend.usage-payout-requested.v1}; returns the key {@code usage|<principal>|<client key>}. */
    public static String usagePayoutRequested(long escrowId, String amount, String currency, String payeeRef, String note) {
        String key = "usage|user:7|" + UUID.randomUUID();
        TestEvents.publish(Topics.SPEND, String.valueOf(escrowId), EventTypes.USAGE_PAYOUT_REQUESTED,
                "{\"escrow_id\": " + escrowId + ", \"milestone_id\": null, \"amount\": \"" + amount + "\", \"currency\": \"" + currency
                        + "\", \"beneficiary\": \"" + payeeRef + "\", \"idempotency_key\": \"" + key + "\", \"source\": \"usage-spend\","
                        + " \"note\": " + (note == null ? "null" : "\"" + note + "\"") + "}");
        return key;
    }

    /** The payment row holding an idempotency key, or null. */
    public static Map<String, Object> payment(String key) {
        var rows = TestDb.query("select * from payments where idempotency_key = ?", key);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Waits until the payment of {@code key} has {@code status}; returns its row. */
    public static Map<String, Object> awaitPayment(String key, String status) {
        eventually(() -> {
            Map<String, Object> p = payment(key);
            return p != null && status.equals(p.get("status"));
        });
        return payment(key);
    }

    /** The balance row of an escrow. */
    public static Map<String, Object> balance(long escrowId) {
        return TestDb.query("select deposited, debited, reserved, deposited - debited - reserved as available from escrow_balances"
                + " where escrow_id = ?", escrowId).get(0);
    }

    /** The events on {@code kobatela.payment.v1} whose payload names this idempotency key, waiting until {@code count} are there. */
    public static List<ConsumerRecord<String, String>> paymentEvents(String key, int count) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        eventually(() -> {
            found.clear();
            paymentTopic().stream()
                    .filter(r -> key.equals(json(r.value()).path("idempotency_key").asText(null)))
                    .forEach(found::add);
            return found.size() >= count;
        });
        return found;
    }

    /** Runs a service call on a safe Vert.x context (as a consumer or a request would) and waits for its result. */
    public static <T> T onVertx(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> call) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(call);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses JSON. */
    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static KafkaConsumer<String, String> paymentConsumer;
    private static final List<ConsumerRecord<String, String>> PAYMENT_RECORDS = new ArrayList<>();

    /** Every record of {@code kobatela.payment.v1} so far (one consumer for the JVM, read up to the end offsets). */
    public static synchronized List<ConsumerRecord<String, String>> paymentTopic() {
        if (paymentConsumer == null) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            paymentConsumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> parts = paymentConsumer.partitionsFor(Topics.PAYMENT, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(Topics.PAYMENT, i.partition())).toList();
            paymentConsumer.assign(parts);
            paymentConsumer.seekToBeginning(parts);
        }
        var parts = paymentConsumer.assignment();
        Map<TopicPartition, Long> end = paymentConsumer.endOffsets(parts);
        long deadline = System.currentTimeMillis() + 10_000;
        while (parts.stream().anyMatch(tp -> paymentConsumer.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
            paymentConsumer.poll(Duration.ofMillis(50)).forEach(PAYMENT_RECORDS::add);
        }
        return List.copyOf(PAYMENT_RECORDS);
    }
}
