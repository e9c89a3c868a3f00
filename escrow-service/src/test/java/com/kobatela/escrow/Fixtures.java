package com.kobatela.escrow;

import static com.kobatela.escrow.TestData.as;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;

import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;
import com.kobatela.testsupport.TestTokens;

/** Escrows, milestones and inbound events for the lifecycle tests, through the API where it can, as partners do. */
final class Fixtures {

    /** How long consumers get to apply an event. */
    static final Duration EVENTUALLY = Duration.ofSeconds(20);

    private Fixtures() {
    }

    /** A sender key linked to the client user, and the provider. */
    record Party(long apiKeyId, long client, long provider, String token) {
        String actor() {
            return "apikey:" + String.format("koba_%06x", apiKeyId);
        }
    }

    static Party party() {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        long key = TestData.nextId();
        return new Party(key, client, provider, TestTokens.sender(key, client));
    }

    static String admin() {
        return TestTokens.admin(TestData.nextId());
    }

    /** An escrow in DRAFT with this total (USD) and deadline (ISO-8601). */
    static long escrow(Party p, String total, String deadline) {
        String body = "{\"client_id\": " + p.client() + ", \"provider_id\": " + p.provider() + ", \"amount_total\": \"" + total
                + "\", \"currency\": \"USD\", \"release_conditions\": {}, \"deadline_at\": \"" + deadline + "\"}";
        int id = as(p.token()).body(body).post("/escrows").then().statusCode(201).extract().path("id");
        return id;
    }

    static long escrow(Party p, String total) {
        return escrow(p, total, "2030-01-01T00:00:00Z");
    }

    /** Deposits {@code amount} with a fresh key; returns the status. */
    static String deposit(Party p, long escrowId, String amount) {
        return as(p.token()).header("Idempotency-Key", "dep-" + UUID.randomUUID()).body("{\"amount\": \"" + amount + "\"}")
                .post("/escrows/" + escrowId + "/deposit").then().statusCode(200).extract().path("status");
    }

    /** A FUNDED escrow. */
    static long funded(Party p, String total) {
        long id = escrow(p, total);
        deposit(p, id, total);
        return id;
    }

    /** Adds a PHOTO milestone (admin); returns its id. */
    static long milestone(long escrowId, int idx, String amount) {
        int id = as(admin()).body("{\"label\": \"Phase " + idx + "\", \"amount\": \"" + amount + "\", \"currency\": \"USD\", \"sequence_index\": "
                + idx + "}").post("/escrows/" + escrowId + "/milestones").then().statusCode(201).extract().path("id");
        return id;
    }

    static String milestoneStatus(long milestoneId) {
        return (String) TestDb.query("select status from milestones where id = ?", milestoneId).get(0).get("status");
    }

    static String escrowStatus(long escrowId) {
        return (String) TestDb.query("select status from escrow_agreements where id = ?", escrowId).get(0).get("status");
    }

    /** Polls until the milestone has this status. */
    static void awaitMilestone(long milestoneId, String status) {
        Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(100)).until(() -> status.equals(milestoneStatus(milestoneId)));
    }

    /** Publishes a proof event (ProofDecided) with this {@code ce_id}, keyed by the escrow id. */
    static void proof(String type, String eventId, long escrowId, long milestoneId, boolean auto) {
        TestEvents.publish(Topics.PROOF, String.valueOf(escrowId), type, eventId, "{\"proof_id\": " + TestData.nextId() + ", \"escrow_id\": "
                + escrowId + ", \"milestone_id\": " + milestoneId + ", \"milestone_idx\": 1, \"auto\": " + auto + ", \"note\": null}");
    }

    /** Publishes a payment event (PaymentUpdate) with this {@code ce_id}, keyed by the escrow id. */
    static void payment(String type, String eventId, long escrowId, Long milestoneId, Long paymentId, String amount, String status,
            String source, String key, String reason) {
        String json = "{\"payment_id\": " + paymentId + ", \"escrow_id\": " + escrowId + ", \"milestone_id\": " + milestoneId
                + ", \"amount\": \"" + amount + "\", \"currency\": \"USD\", \"psp_ref\": \"PSP-" + paymentId + "\", \"status\": \"" + status
                + "\", \"source\": \"" + source + "\", \"idempotency_key\": " + (key == null ? "null" : "\"" + key + "\"")
                + ", \"reason_code\": " + (reason == null ? "null" : "\"" + reason + "\"") + ", \"payee_ref\": null, \"note\": null}";
        TestEvents.publish(Topics.PAYMENT, String.valueOf(escrowId), type, eventId, json);
    }

    /**
     * Publishes an event of a type escrow-service ignores on the escrow's partition of {@code topic} and waits until it
     * is processed: everything published before it on that partition has then been applied (or skipped).
     */
    static void barrier(String topic, long escrowId) {
        String id = "barrier-" + UUID.randomUUID();
        TestEvents.publish(topic, String.valueOf(escrowId), "test.barrier.v1", id, "{}");
        Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(100))
                .until(() -> TestDb.count("select count(*) from processed_events where event_id = ?", id) == 1);
    }

    /** Outbox rows of this escrow of one type, oldest first (payload JSON text). */
    static List<String> outbox(long escrowId, String type) {
        return TestDb.query("select payload from outbox_events where message_key = ? and type = ? order by id", String.valueOf(escrowId), type)
                .stream().map(r -> (String) r.get("payload")).toList();
    }

    /** Timeline kinds of the escrow, oldest first. */
    static List<String> kinds(long escrowId) {
        return TestDb.query("select kind from escrow_events where escrow_id = ? order by at, id", escrowId).stream()
                .map(r -> (String) r.get("kind")).toList();
    }

    /** Audit actions of an entity, oldest first. */
    static List<String> audits(String entity, long id) {
        return TestDb.query("select action from audit_logs where entity = ? and entity_id = ? order by id", entity, id).stream()
                .map(r -> (String) r.get("action")).toList();
    }
}
