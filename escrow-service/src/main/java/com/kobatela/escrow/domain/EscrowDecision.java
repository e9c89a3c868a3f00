package com.kobatela.escrow.domain;

/**
 * Outcome of an {@link EscrowAction} on a status.
 *
 * @param kind   change, unchanged (idempotent no-op) or refused
 * @param target the new status when {@code kind} is {@link Kind#CHANGE}, else null
 */
public record EscrowDecision(Kind kind, EscrowStatus target) {

    /** The three outcomes. */
    public enum Kind { CHANGE, UNCHANGED, REFUSED }

    static EscrowDecision change(EscrowStatus target) {
        return new EscrowDecision(Kind.CHANGE, target);
    }

    static EscrowDecision unchanged() {
        return new EscrowDecision(Kind.UNCHANGED, null);
    }

    static EscrowDecision refused() {
        return new EscrowDecision(Kind.REFUSED, null);
    }
}
