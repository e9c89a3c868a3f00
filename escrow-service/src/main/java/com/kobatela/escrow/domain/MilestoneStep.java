package com.kobatela.escrow.domain;

/**
 * Outcome of a {@link MilestoneTrigger} on a milestone status.
 *
 * @param kind   what to do
 * @param target the new status when {@code kind} is {@link Kind#MOVE}, else null
 */
public record MilestoneStep(Kind kind, MilestoneStatus target) {

    /** The outcomes. */
    public enum Kind {
        /** Change to {@code target}. */
        MOVE,
        /** Already there (duplicate or repeated trigger): nothing to do. */
        UNCHANGED,
        /** The trigger does not apply to this status (late or out-of-order event): ignored and logged. */
        STALE,
        /** A payout failure for a milestone already PAID: it stays PAID and the failure is recorded for follow-up. */
        FAILED_AFTER_PAID
    }

    static MilestoneStep move(MilestoneStatus target) {
        return new MilestoneStep(Kind.MOVE, target);
    }

    static MilestoneStep of(Kind kind) {
        return new MilestoneStep(kind, null);
    }
}
