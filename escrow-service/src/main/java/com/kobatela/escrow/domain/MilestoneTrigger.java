package com.kobatela.escrow.domain;

import static com.kobatela.escrow.domain.MilestoneStatus.APPROVED;
import static com.kobatela.escrow.domain.MilestoneStatus.PAID;
import static com.kobatela.escrow.domain.MilestoneStatus.PAYING;
import static com.kobatela.escrow.domain.MilestoneStatus.PENDING_REVIEW;
import static com.kobatela.escrow.domain.MilestoneStatus.REJECTED;

import com.kobatela.escrow.domain.MilestoneStep.Kind;

/**
 * What moves a milestone, and the pure transition rule of each (spec {@code domain.md#9.2}). Events may arrive twice or
 * late; a trigger that no longer applies is {@link Kind#STALE} (ignored), never an error, so redeliveries are harmless.
 */
public enum MilestoneTrigger {

    /** A proof needing review was stored: WAITING or REJECTED → PENDING_REVIEW. */
    PROOF_SUBMITTED {
        @Override
        public MilestoneStep decide(MilestoneStatus current) {
            return switch (current) {
                case WAITING, REJECTED -> MilestoneStep.move(PENDING_REVIEW);
                case PENDING_REVIEW -> MilestoneStep.of(Kind.UNCHANGED);
                default -> MilestoneStep.of(Kind.STALE);
            };
        }
    },

    /**
     * A proof was approved (auto or by decision): WAITING, REJECTED or PENDING_REVIEW → APPROVED (the payout is then
     * requested); APPROVED (payout blocked) stays, and its payout is asked again; PAYING and PAID are past it.
     */
    PROOF_APPROVED {
        @Override
        public MilestoneStep decide(MilestoneStatus current) {
            return switch (current) {
                case WAITING, REJECTED, PENDING_REVIEW -> MilestoneStep.move(APPROVED);
                case APPROVED -> MilestoneStep.of(Kind.UNCHANGED);
                default -> MilestoneStep.of(Kind.STALE);
            };
        }
    },

    /** A proof under review was rejected: PENDING_REVIEW → REJECTED (a new proof may be submitted). */
    PROOF_REJECTED {
        @Override
        public MilestoneStep decide(MilestoneStatus current) {
            return switch (current) {
                case PENDING_REVIEW -> MilestoneStep.move(REJECTED);
                case REJECTED -> MilestoneStep.of(Kind.UNCHANGED);
                default -> MilestoneStep.of(Kind.STALE);
            };
        }
    },

    /** The payout is asked of payment-service: APPROVED → PAYING. */
    PAYOUT_REQUESTED {
        @Override
        public MilestoneStep decide(MilestoneStatus current) {
            return switch (current) {
                case APPROVED -> MilestoneStep.move(PAYING);
                case PAYING -> MilestoneStep.of(Kind.UNCHANGED);
                default -> MilestoneStep.of(Kind.STALE);
            };
        }
    },

    /**
     * The payout was SENT (or settled): PAYING → PAID, also from APPROVED (a payout re-requested after a block, whose
     * earlier attempt went through: money moved, so the milestone is paid); PAID again is a no-op.
     */
    PAYOUT_SENT {
        @Override
        public MilestoneStep decide(MilestoneStatus current) {
            return switch (current) {
                case PAYING, APPROVED -> MilestoneStep.move(PAID);
                case PAID -> MilestoneStep.of(Kind.UNCHANGED);
                default -> MilestoneStep.of(Kind.STALE);
            };
        }
    },

    /**
     * The payout was rejected or failed: PAYING → APPROVED (payout blocked, asked again on the next deposit); APPROVED
     * again is a no-op; PAID stays PAID and the failure is recorded ({@code PAYMENT_FAILED_AFTER_PAID}).
     */
    PAYOUT_FAILED {
        @Override
        public MilestoneStep decide(MilestoneStatus current) {
            return switch (current) {
                case PAYING -> MilestoneStep.move(APPROVED);
                case APPROVED -> MilestoneStep.of(Kind.UNCHANGED);
                case PAID -> MilestoneStep.of(Kind.FAILED_AFTER_PAID);
                default -> MilestoneStep.of(Kind.STALE);
            };
        }
    };

    /**
     * @param current the milestone's status, read under its escrow's row lock
     * @return the step to apply
     */
    public abstract MilestoneStep decide(MilestoneStatus current);
}
