package com.kobatela.escrow.domain;

/** Escrow statuses (spec {@code domain.md#8}, state machine {@code domain.md#9.1}). */
public enum EscrowStatus {
    DRAFT, FUNDED, RELEASABLE, RELEASED, REFUNDED, CANCELLED;

    /** True for RELEASED, REFUNDED and CANCELLED: no deposit is accepted any more ({@code 409 ESCROW_NOT_ACTIVE}). */
    public boolean isTerminal() {
        return this == RELEASED || this == REFUNDED || this == CANCELLED;
    }

    /**
     * The status after a deposit (spec {@code rules.md#deposits} step 4): DRAFT becomes FUNDED once the cumulative
     * deposits (this one included) cover the total; every other status is unchanged.
     *
     * @param deposited   sum of all deposits, scale 2
     * @param amountTotal escrow total, scale 2
     */
    public EscrowStatus afterDeposit(java.math.BigDecimal deposited, java.math.BigDecimal amountTotal) {
        return this == DRAFT && deposited.compareTo(amountTotal) >= 0 ? FUNDED : this;
    }
}
