package com.kobatela.escrow;

import static com.kobatela.escrow.Fixtures.awaitMilestone;
import static com.kobatela.escrow.Fixtures.barrier;
import static com.kobatela.escrow.Fixtures.milestoneStatus;
import static com.kobatela.escrow.Fixtures.outbox;
import static com.kobatela.escrow.Fixtures.proof;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.escrow.Fixtures.Party;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Proof events move milestones (CONTRACTS.md, spec {@code domain.md#9.2}): review, approval with exactly one
 * {@code PayoutRequested} whatever the redeliveries, rejection and resubmission, late events, poison events.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class ProofEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void autoApprovalRequestsThePayoutOnceWhateverTheRedeliveries() throws Exception {
        Party p = Fixtures.party();
        long e = Fixtures.funded(p, "1000.00");
        long m = Fixtures.milestone(e, 1, "250.00");
        String first = id();
        proof(EventTypes.PROOF_APPROVED, first, e, m, true);
        awaitMilestone(m, "PAYING");
        proof(EventTypes.PROOF_APPROVED, first, e, m, true);
        proof(EventTypes.PROOF_APPROVED, id(), e, m, true);
        barrier(Topics.PROOF, e);
        assertEquals("PAYING", milestoneStatus(m));

        List<String> payouts = outbox(e, EventTypes.PAYOUT_REQUESTED);
        assertEquals(1, payouts.size(), payouts.toString());
        JsonNode payout = JSON.readTree(payouts.get(0));
        assertEquals(e, payout.get("escrow_id").asLong());
        assertEquals(m, payout.get("milestone_id").asLong());
        assertEquals("250.00", payout.get("amount").asText());
        assertEquals("USD", payout.get("currency").asText());
        assertEquals("user:" + p.provider(), payout.get("beneficiary").asText());
        assertEquals("pay|escrow:" + e + "|ms:" + m + "|amt:250.00", payout.get("idempotency_key").asText());
        assertEquals("milestone", payout.get("source").asText());
        assertEquals(List.of("{\"milestone_id\":" + m + ",\"escrow_id\":" + e + ",\"idx\":1,\"old_status\":\"WAITING\",\"new_status\":\"APPROVED\"}",
                "{\"milestone_id\":" + m + ",\"escrow_id\":" + e + ",\"idx\":1,\"old_status\":\"APPROVED\",\"new_status\":\"PAYING\"}"),
                outbox(e, EventTypes.MILESTONE_STATUS_CHANGED));
        var audits = TestDb.query("select action, actor from audit_logs where entity = 'Milestone' and entity_id = ? order by id", m);
        assertEquals(List.of("MILESTONE_CREATED", "MILESTONE_STATUS_CHANGED", "MILESTONE_STATUS_CHANGED", "PAYOUT_REQUESTED"),
                audits.stream().map(r -> r.get("action")).toList());
        assertEquals("system:test", audits.get(3).get("actor"), "effects of an event carry the event's actor");
        var actor = TestDb.query("select actor from outbox_events where message_key = ? and type = ?", String.valueOf(e), EventTypes.PAYOUT_REQUESTED);
        assertEquals("system:test", actor.get(0).get("actor"));
        // the payout reached Kafka too
        Awaitility.await().atMost(Fixtures.EVENTUALLY).until(() -> TestData.readAll(Topics.ESCROW).stream()
                .filter(r -> String.valueOf(e).equals(r.key()) && EventTypes.PAYOUT_REQUESTED.equals(TestData.header(r, "ce_type"))).count() == 1);
    }

    @Test
    void reviewThenApprovalFromPendingReview() {
        Party p = Fixtures.party();
        long e = Fixtures.funded(p, "500.00");
        long m = Fixtures.milestone(e, 1, "500.00");
        proof(EventTypes.PROOF_SUBMITTED, id(), e, m, false);
        awaitMilestone(m, "PENDING_REVIEW");
        proof(EventTypes.PROOF_APPROVED, id(), e, m, false);
        awaitMilestone(m, "PAYING");
        assertEquals(1, outbox(e, EventTypes.PAYOUT_REQUESTED).size());
    }

    @Test
    void rejectionAllowsResubmission() {
        Party p = Fixtures.party();
        long e = Fixtures.funded(p, "500.00");
        long m = Fixtures.milestone(e, 1, "100.00");
        long m2 = Fixtures.milestone(e, 2, "100.00");
        proof(EventTypes.PROOF_SUBMITTED, id(), e, m, false);
        awaitMilestone(m, "PENDING_REVIEW");
        String reject = id();
        proof(EventTypes.PROOF_REJECTED, reject, e, m, false);
        awaitMilestone(m, "REJECTED");
        proof(EventTypes.PROOF_REJECTED, reject, e, m, false);
        proof(EventTypes.PROOF_SUBMITTED, id(), e, m, false);
        awaitMilestone(m, "PENDING_REVIEW");
        proof(EventTypes.PROOF_REJECTED, id(), e, m, false);
        awaitMilestone(m, "REJECTED");
        proof(EventTypes.PROOF_APPROVED, id(), e, m, true);
        awaitMilestone(m, "PAYING");
        assertEquals("WAITING", milestoneStatus(m2));
        assertEquals(List.of("PENDING_REVIEW", "REJECTED", "PENDING_REVIEW", "REJECTED", "APPROVED", "PAYING"),
                TestDb.query("select data_json->>'new_status' as s from audit_logs where entity = 'Milestone' and entity_id = ? "
                        + "and action = 'MILESTONE_STATUS_CHANGED' order by id", m).stream().map(r -> r.get("s")).toList());
    }

    @Test
    void lateOrOutOfOrderProofEventsChangeNothing() {
        Party p = Fixtures.party();
        long e = Fixtures.funded(p, "500.00");
        long m = Fixtures.milestone(e, 1, "100.00");
        proof(EventTypes.PROOF_REJECTED, id(), e, m, false);
        barrier(Topics.PROOF, e);
        assertEquals("WAITING", milestoneStatus(m));
        proof(EventTypes.PROOF_APPROVED, id(), e, m, true);
        awaitMilestone(m, "PAYING");
        proof(EventTypes.PROOF_SUBMITTED, id(), e, m, false);
        proof(EventTypes.PROOF_REJECTED, id(), e, m, false);
        barrier(Topics.PROOF, e);
        assertEquals("PAYING", milestoneStatus(m));
        assertEquals(2, outbox(e, EventTypes.MILESTONE_STATUS_CHANGED).size());
    }

    @Test
    void unknownMilestoneGoesToDeadLetters() {
        Party p = Fixtures.party();
        long e = Fixtures.funded(p, "100.00");
        long other = Fixtures.milestone(Fixtures.funded(p, "100.00"), 1, "10.00");
        String poison = id();
        proof(EventTypes.PROOF_APPROVED, poison, e, other, true);
        TestEvents.publish(Topics.PROOF, String.valueOf(e), EventTypes.PROOF_APPROVED, id(), "{not json");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestData.readAll(Topics.dlq(Topics.PROOF)).stream()
                .filter(r -> String.valueOf(e).equals(r.key())).count() == 2);
        assertEquals("WAITING", milestoneStatus(other));
        assertEquals(0, TestDb.count("select count(*) from processed_events where event_id = ?", poison));
        barrier(Topics.PROOF, e);
    }
}
