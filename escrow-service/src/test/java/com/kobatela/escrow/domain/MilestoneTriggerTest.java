package com.kobatela.escrow.domain;

import static com.kobatela.escrow.domain.MilestoneStatus.APPROVED;
import static com.kobatela.escrow.domain.MilestoneStatus.PAID;
import static com.kobatela.escrow.domain.MilestoneStatus.PAYING;
import static com.kobatela.escrow.domain.MilestoneStatus.PENDING_REVIEW;
import static com.kobatela.escrow.domain.MilestoneStatus.REJECTED;
import static com.kobatela.escrow.domain.MilestoneStatus.WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kobatela.escrow.domain.MilestoneStep.Kind;

/** The milestone state machine of spec {@code domain.md#9.2}: every trigger against every status, and event replays. */
class MilestoneTriggerTest {

    private static final MilestoneStep SAME = new MilestoneStep(Kind.UNCHANGED, null);
    private static final MilestoneStep STALE = new MilestoneStep(Kind.STALE, null);
    private static final MilestoneStep AFTER_PAID = new MilestoneStep(Kind.FAILED_AFTER_PAID, null);

    private static MilestoneStep to(MilestoneStatus s) {
        return new MilestoneStep(Kind.MOVE, s);
    }

    private static void assertTable(MilestoneTrigger trigger, Object... pairs) {
        Map<MilestoneStatus, MilestoneStep> m = new EnumMap<>(MilestoneStatus.class);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((MilestoneStatus) pairs[i], (MilestoneStep) pairs[i + 1]);
        }
        assertEquals(MilestoneStatus.values().length, m.size(), "table must cover every status");
        m.forEach((from, step) -> assertEquals(step, trigger.decide(from), trigger + " on " + from));
    }

    @Test
    void proofSubmittedFromWaitingOrRejected() {
        assertTable(MilestoneTrigger.PROOF_SUBMITTED, WAITING, to(PENDING_REVIEW), REJECTED, to(PENDING_REVIEW),
                PENDING_REVIEW, SAME, APPROVED, STALE, PAYING, STALE, PAID, STALE);
    }

    @Test
    void proofApprovedFromWaitingRejectedOrReview() {
        assertTable(MilestoneTrigger.PROOF_APPROVED, WAITING, to(APPROVED), REJECTED, to(APPROVED), PENDING_REVIEW, to(APPROVED),
                APPROVED, SAME, PAYING, STALE, PAID, STALE);
    }

    @Test
    void proofRejectedOnlyFromReview() {
        assertTable(MilestoneTrigger.PROOF_REJECTED, WAITING, STALE, REJECTED, SAME, PENDING_REVIEW, to(REJECTED),
                APPROVED, STALE, PAYING, STALE, PAID, STALE);
    }

    @Test
    void payoutRequestedOnlyFromApproved() {
        assertTable(MilestoneTrigger.PAYOUT_REQUESTED, WAITING, STALE, REJECTED, STALE, PENDING_REVIEW, STALE,
                APPROVED, to(PAYING), PAYING, SAME, PAID, STALE);
    }

    @Test
    void payoutSentPaysPayingOrBlockedMilestones() {
        assertTable(MilestoneTrigger.PAYOUT_SENT, WAITING, STALE, REJECTED, STALE, PENDING_REVIEW, STALE,
                APPROVED, to(PAID), PAYING, to(PAID), PAID, SAME);
    }

    @Test
    void payoutFailedBlocksPayingAndNeverUnpays() {
        assertTable(MilestoneTrigger.PAYOUT_FAILED, WAITING, STALE, REJECTED, STALE, PENDING_REVIEW, STALE,
                APPROVED, SAME, PAYING, to(APPROVED), PAID, AFTER_PAID);
    }

    @Test
    void replayedEventsChangeNothingTheSecondTime() {
        MilestoneStatus s = WAITING;
        s = MilestoneTrigger.PROOF_APPROVED.decide(s).target();
        s = MilestoneTrigger.PAYOUT_REQUESTED.decide(s).target();
        assertEquals(SAME, MilestoneTrigger.PAYOUT_REQUESTED.decide(s));
        assertEquals(STALE, MilestoneTrigger.PROOF_APPROVED.decide(s), "a redelivered approval must not request a second payout");
        s = MilestoneTrigger.PAYOUT_SENT.decide(s).target();
        assertEquals(PAID, s);
        assertEquals(SAME, MilestoneTrigger.PAYOUT_SENT.decide(s));
        assertEquals(STALE, MilestoneTrigger.PROOF_SUBMITTED.decide(s));
        assertEquals(AFTER_PAID, MilestoneTrigger.PAYOUT_FAILED.decide(s));
    }

    @Test
    void rejectedMilestoneCanBeResubmittedAndApproved() {
        MilestoneStatus s = MilestoneTrigger.PROOF_SUBMITTED.decide(WAITING).target();
        s = MilestoneTrigger.PROOF_REJECTED.decide(s).target();
        assertEquals(REJECTED, s);
        s = MilestoneTrigger.PROOF_SUBMITTED.decide(s).target();
        assertEquals(PENDING_REVIEW, s);
        assertEquals(to(APPROVED), MilestoneTrigger.PROOF_APPROVED.decide(REJECTED), "auto-approved photo after a rejection");
    }

    @Test
    void blockedPayoutIsRequestedAgainAndCanStillBePaid() {
        MilestoneStatus s = MilestoneTrigger.PAYOUT_FAILED.decide(PAYING).target();
        assertEquals(APPROVED, s);
        assertEquals(to(PAYING), MilestoneTrigger.PAYOUT_REQUESTED.decide(s));
        assertEquals(to(PAID), MilestoneTrigger.PAYOUT_SENT.decide(s), "a late SENT of an earlier attempt still pays it");
    }
}
