package com.kobatela.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.kobatela.local.Service;
import com.kobatela.local.e2e.E2eHttp;
import com.kobatela.local.e2e.Poll;

/**
 * Family {@code event-delivery}: every consumer is idempotent and no message blocks a partition.
 * <ul>
 * <li>the whole event history of every topic is delivered again, shuffled (duplicates, out of order), to every consumer
 * group: the state of every service (business tables, timelines, audit rows, outbox) does not change;</li>
 * <li>a poison record (no CloudEvents attributes) on each topic, on the partition of a live escrow, goes to the topic's
 * dead-letter topic, and the escrow's next events are still consumed.</li>
 * </ul>
 */
@Order(50)
class EventDeliveryTest {

    private static final List<String> TOPICS = List.of("kobatela.identity.v1", "kobatela.escrow.v1", "kobatela.spend.v1",
            "kobatela.proof.v1", "kobatela.payment.v1");

    /** Tables whose content must not move when events are redelivered. */
    private static final Map<Service, List<String>> STATE = Map.of(
            Service.ESCROW, List.of("escrow_agreements", "escrow_deposits", "escrow_events", "milestones", "audit_logs", "outbox_events"),
            Service.SPEND, List.of("usage_mandates", "purchases", "allowed_payees", "audit_logs", "outbox_events"),
            Service.PROOF, List.of("proofs", "audit_logs", "outbox_events"),
            Service.PAYMENT, List.of("payments", "ledger_entries", "escrow_balances", "audit_logs", "outbox_events"));

    @Test
    void redeliveringTheWholeHistoryShuffledChangesNothing() throws Exception {
        Family family = Family.of("event-delivery");
        awaitConsumersIdle();
        Map<Service, Map<String, String>> before = fingerprint();
        List<ConsumerRecord<byte[], byte[]>> history = readAll(TOPICS);
        Collections.shuffle(history, new Random(42));
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (ConsumerRecord<byte[], byte[]> r : history) {
                producer.send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers()));
            }
            producer.flush();
        }
        awaitConsumersIdle();
        Map<Service, Map<String, String>> after = fingerprint();
        for (Map.Entry<Service, Map<String, String>> e : before.entrySet()) {
            for (Map.Entry<String, String> t : e.getValue().entrySet()) {
                String now = after.get(e.getKey()).get(t.getKey());
                family.check(t.getValue().equals(now), e.getKey().id() + "." + t.getKey() + " changed after redelivering " + history.size()
                        + " events: " + t.getValue() + " -> " + now);
            }
        }
        System.out.println("[reliability] event-delivery redelivered=" + history.size());
        assertEquals(0, family.failures(), family.failureReport());
    }

    @Test
    void poisonRecordsGoToDeadLettersWithoutBlockingTheirPartition() throws Exception {
        Family family = Family.of("event-delivery");
        E2eHttp admin = RelStack.admin();
        String u1 = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        String u2 = "poison-p-" + UUID.randomUUID().toString().substring(0, 8);
        long client = admin.postJson("/users", Map.of("username", u1, "email", u1 + "@example.com")).json().path("id").asLong();
        long provider = admin.postJson("/users", Map.of("username", u2, "email", u2 + "@example.com")).json().path("id").asLong();
        E2eHttp sender = RelStack.gateway().withApiKey(Sensitive.add(admin.postJson("/apikeys", Map.of("name", "poison", "scope", "sender",
                "user_id", client)).json().path("key").asText()));
        long escrow = Poll.poll(Duration.ofSeconds(30), () -> sender.postJson("/escrows", Map.of("client_id", client, "provider_id", provider,
                "amount_total", "9.00", "currency", "USD", "release_conditions", Map.of(), "deadline_at", "2031-01-01T00:00:00Z")),
                r -> r.status() == 201).json().path("id").asLong();
        String key = String.valueOf(escrow);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (String topic : TOPICS) {
                producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), "{not a cloud event".getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        // the same partitions keep flowing: the deposit reaches payment-service
        sender.postJson("/escrows/" + escrow + "/deposit", Map.of("amount", "9.00"), "Idempotency-Key", "poison-dep");
        boolean credited = Poll.poll(Duration.ofSeconds(60), () -> "9.00".equals(sender.get("/escrows/" + escrow + "/balance").json()
                .path("deposited").asText()), b -> b);
        family.check(credited, "a deposit after a poison record on its partition is still credited");
        for (String topic : List.of("kobatela.escrow.v1", "kobatela.payment.v1", "kobatela.identity.v1")) {
            boolean dead = Poll.poll(Duration.ofSeconds(60), () -> readAll(List.of(topic + ".dlq")).stream()
                    .anyMatch(r -> r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))), b -> b);
            family.check(dead, "the poison record of " + topic + " is in " + topic + ".dlq");
        }
        assertEquals(0, family.failures(), family.failureReport());
    }

    /** Waits until every consumer group of the platform has consumed everything (lag 0), for at most two minutes. */
    private static void awaitConsumersIdle() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", RelStack.get().kafkaBootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> lag(admin) == 0);
        }
    }

    private static long lag(Admin admin) throws Exception {
        long lag = 0;
        List<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                .filter(g -> g.endsWith("-service")).toList();
        for (String g : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> c : committed.entrySet()) {
                if (c.getValue() != null) {
                    lag += Math.max(0, ends.get(c.getKey()).offset() - c.getValue().offset());
                }
            }
        }
        return lag;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(List<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RelStack.get().kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reliability-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : topics) {
                c.partitionsFor(t).forEach(pi -> parts.add(new TopicPartition(t, pi.partition())));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline) && parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RelStack.get().kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Row count and content hash of each state table, per service. */
    private static Map<Service, Map<String, String>> fingerprint() throws Exception {
        Map<Service, Map<String, String>> out = new LinkedHashMap<>();
        for (Map.Entry<Service, List<String>> e : STATE.entrySet()) {
            Map<String, String> tables = new LinkedHashMap<>();
            try (Connection c = RelStack.jdbc(e.getKey()); Statement st = c.createStatement()) {
                for (String t : e.getValue()) {
                    try (ResultSet rs = st.executeQuery("select count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0) from " + t + " x")) {
                        rs.next();
                        tables.put(t, rs.getString(1));
                    }
                }
            }
            out.put(e.getKey(), tables);
        }
        return out;
    }
}
