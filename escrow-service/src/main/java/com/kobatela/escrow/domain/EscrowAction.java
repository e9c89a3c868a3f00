package com.kobatela.escrow.domain;

/**
 * What can happen to an escrow after its deposits, and the pure transition rule of each (spec {@code domain.md#9.1},
 * {@code rules.md#escrow}, {@code #deadline}, {@code #finalization}). The service applies a decision under the escrow's
 * row lock, so two concurrent actions are decided one after the other on fresh state.
 */
public enum EscrowAction {

    /** {@code mark-delivered}: FUNDED → RELEASABLE; RELEASABLE again is a no-op; anything else is refused. */
    MARK_DELIVERED {
        @Override
        public EscrowDecision decide(EscrowStatus current) {
            return switch (current) {
                case FUNDED -> EscrowDecision.change(EscrowStatus.RELEASABLE);
                case RELEASABLE -> EscrowDecision.unchanged();
                default -> EscrowDecision.refused();
            };
        }
    },

    /** {@code client-approve}: FUNDED or RELEASABLE → RELEASED; RELEASED again is a no-op; anything else is refused. */
    CLIENT_APPROVE {
        @Override
        public EscrowDecision decide(EscrowStatus current) {
            return switch (current) {
                case FUNDED, RELEASABLE -> EscrowDecision.change(EscrowStatus.RELEASED);
                case RELEASED -> EscrowDecision.unchanged();
                default -> EscrowDecision.refused();
            };
        }
    },

    /** {@code client-reject}: DRAFT → CANCELLED; FUNDED or RELEASABLE → REFUNDED; terminal escrows unchanged (never refused). */
    CLIENT_REJECT {
        @Override
        public EscrowDecision decide(EscrowStatus current) {
            return switch (current) {
                case DRAFT -> EscrowDecision.change(EscrowStatus.CANCELLED);
                case FUNDED, RELEASABLE -> EscrowDecision.change(EscrowStatus.REFUNDED);
                default -> EscrowDecision.unchanged();
            };
        }
    },

    /**
     * Deadline reached ({@code check-deadline} or the deadline sweep, once {@code deadline_at <= now}): FUNDED → RELEASED;
     * every other status, RELEASABLE included (ORIGINAL), unchanged.
     */
    DEADLINE {
        @Override
        public EscrowDecision decide(EscrowStatus current) {
            return current == EscrowStatus.FUNDED ? EscrowDecision.change(EscrowStatus.RELEASED) : EscrowDecision.unchanged();
        }
    },

    /**
     * Finalisation, once every milestone (at least one) is PAID: DRAFT, FUNDED or RELEASABLE → RELEASED; RELEASED,
     * REFUNDED and CANCELLED are never overwritten (FIX).
     */
    FINALIZE {
        @Override
        public EscrowDecision decide(EscrowStatus current) {
            return current.isTerminal() ? EscrowDecision.unchanged() : EscrowDecision.change(EscrowStatus.RELEASED);
        }
    };

    /**
     * @param current the escrow's status, read under its row lock
     * @return change (with the target), unchanged (200 without effect) or refused ({@code 409 ESCROW_INVALID_STATE})
     */
    public abstract EscrowDecision decide(EscrowStatus current);
}
