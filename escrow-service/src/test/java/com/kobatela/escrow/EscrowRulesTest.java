package com.kobatela.escrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.kobatela.escrow.domain.EscrowDomain;
import com.kobatela.escrow.domain.EscrowStatus;

/** Plain unit tests of the pure escrow rules (spec {@code domain.md#9.1}, {@code rules.md#deposits}). */
class EscrowRulesTest {

    private static BigDecimal m(String s) {
        return new BigDecimal(s);
    }

    @Test
    void draftBecomesFundedOnlyWhenCovered() {
        assertEquals(EscrowStatus.DRAFT, EscrowStatus.DRAFT.afterDeposit(m("99.99"), m("100.00")));
        assertEquals(EscrowStatus.FUNDED, EscrowStatus.DRAFT.afterDeposit(m("100.00"), m("100.00")));
        assertEquals(EscrowStatus.FUNDED, EscrowStatus.DRAFT.afterDeposit(m("150.00"), m("100.00")));
        assertEquals(EscrowStatus.FUNDED, EscrowStatus.FUNDED.afterDeposit(m("200.00"), m("100.00")));
        assertEquals(EscrowStatus.RELEASABLE, EscrowStatus.RELEASABLE.afterDeposit(m("200.00"), m("100.00")));
    }

    @Test
    void terminalStatuses() {
        assertTrue(EscrowStatus.RELEASED.isTerminal());
        assertTrue(EscrowStatus.REFUNDED.isTerminal());
        assertTrue(EscrowStatus.CANCELLED.isTerminal());
        assertFalse(EscrowStatus.DRAFT.isTerminal());
        assertFalse(EscrowStatus.FUNDED.isTerminal());
        assertFalse(EscrowStatus.RELEASABLE.isTerminal());
    }

    @Test
    void domains() {
        assertEquals(EscrowDomain.AID, EscrowDomain.fromValue("aid"));
        assertNull(EscrowDomain.fromValue("PUBLIC"));
        assertTrue(EscrowDomain.PUBLIC.isPublicSector());
        assertFalse(EscrowDomain.PRIVATE.isPublicSector());
    }
}
