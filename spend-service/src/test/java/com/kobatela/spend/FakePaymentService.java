package com.kobatela.spend;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.KafkaTestResource;
import com.kobatela.testsupport.TestEvents;

/**
 * Stands in for payment-service in spend-service tests, on the real test broker, as CONTRACTS.md says it behaves: it
 * reads {@code spend.usage-payout-requested.v1} from {@code kobatela.spend.v1} and answers on
 * {@code kobatela.payment.v1} (key = escrow id) with {@code payment.sent.v1} then {@code payment.settled.v1} (source
 * {@code usage-spend}, payee_ref and note copied), unless a test planned another answer for that payout key: hold (no
 * answer), reject ({@code payment.payout-rejected.v1} with a reason code, payment id null) or fail (sent, then
 * {@code payment.failed.v1} with {@code PSP_FAILED}). Started once per test JVM; every request it saw is kept for
 * assertions. The end-to-end usage-spend test replaces it with the real payment-service.
 */
final class FakePaymentService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong PAYMENT_IDS = new AtomicLong(700_000);
    private static final Map<String, String> PLANS = new ConcurrentHashMap<>();
    private static final Map<String, JsonNode> REQUESTS = new ConcurrentHashMap<>();
    private static Thread loop;

    private FakePaymentService() {
    }

    /** Starts the fake once (idempotent). */
    static synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = new Thread(FakePaymentService::run, "fake-payment-service");
        loop.setDaemon(true);
        loop.start();
    }

    /** No answer for this payout key: the spend stays reserved and the answer PENDING. */
    static void hold(String payoutKey) {
        PLANS.put(payoutKey, "HOLD");
    }

    /** Answers {@code payment.payout-rejected.v1} with {@code reasonCode}. */
    static void reject(String payoutKey, String reasonCode) {
        PLANS.put(payoutKey, "REJECT:" + reasonCode);
    }

    /** Answers {@code payment.sent.v1}, then {@code payment.failed.v1} ({@code PSP_FAILED}). */
    static void fail(String payoutKey) {
        PLANS.put(payoutKey, "FAIL");
    }

    /** The payout request received for a key, or null. */
    static JsonNode request(String payoutKey) {
        return REQUESTS.get(payoutKey);
    }

    /** Publishes a payment event for a payout, as payment-service would. */
    static void publish(String type, long escrowId, Long paymentId, String amount, String status, String key, String reasonCode,
            String payeeRef, String note) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("payment_id", paymentId);
        body.put("escrow_id", escrowId);
        body.put("milestone_id", null);
        body.put("amount", amount);
        body.put("currency", "USD");
        body.put("psp_ref", paymentId == null ? null : "PSP-" + paymentId);
        body.put("status", status);
        body.put("source", "usage-spend");
        body.put("idempotency_key", key);
        body.put("reason_code", reasonCode);
        body.put("payee_ref", payeeRef);
        body.put("note", note);
        try {
            TestEvents.publish(Topics.PAYMENT, String.valueOf(escrowId), type, JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new payment id. */
    static long nextPaymentId() {
        return PAYMENT_IDS.incrementAndGet();
    }

    private static void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fake-payment-service-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(Topics.SPEND));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(50))) {
                    if (EventTypes.USAGE_PAYOUT_REQUESTED.equals(TestEvents.header(r, "ce_type"))) {
                        answer(r.value());
                    }
                }
            }
        } catch (Exception e) {
            org.jboss.logging.Logger.getLogger(FakePaymentService.class).error("fake payment-service stopped", e);
        }
    }

    private static void answer(String json) throws Exception {
        JsonNode req = JSON.readTree(json);
        String key = req.path("idempotency_key").asText();
        REQUESTS.put(key, req);
        long escrowId = req.path("escrow_id").asLong();
        String amount = req.path("amount").asText();
        String payeeRef = req.path("beneficiary").asText();
        String note = req.path("note").isNull() ? null : req.path("note").asText();
        String plan = PLANS.getOrDefault(key, "SETTLE");
        if (plan.equals("HOLD")) {
            return;
        }
        if (plan.startsWith("REJECT:")) {
            publish(EventTypes.PAYOUT_REJECTED, escrowId, null, amount, "REJECTED", key, plan.substring(7), payeeRef, note);
            return;
        }
        long paymentId = nextPaymentId();
        publish(EventTypes.PAYMENT_SENT, escrowId, paymentId, amount, "SENT", key, null, payeeRef, note);
        if (plan.equals("FAIL")) {
            publish(EventTypes.PAYMENT_FAILED, escrowId, paymentId, amount, "ERROR", key, "PSP_FAILED", payeeRef, note);
        } else {
            publish(EventTypes.PAYMENT_SETTLED, escrowId, paymentId, amount, "SETTLED", key, null, payeeRef, note);
        }
    }
}
