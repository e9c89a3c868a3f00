package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Read-model statuses only move forward, so replays and late events are harmless. */
class ReadModelStatusTest {

    @Test
    void paymentStatusesAreMonotonic() {
        PaymentView p = new PaymentView();
        p.status = "SENT";
        assertFalse(p.advanceStatus("SENT"));
        assertFalse(p.advanceStatus("PENDING"));
        assertTrue(p.advanceStatus("ERROR"));
        assertFalse(p.advanceStatus("SENT"), "a late SENT does not debit an ERROR payment again");
        assertFalse(p.advanceStatus("SETTLED"));
        assertEquals("ERROR", p.status);
        p.status = "SETTLED";
        assertFalse(p.advanceStatus("ERROR"), "a settled payment stays settled");
        assertFalse(p.advanceStatus(null));
    }

    @Test
    void escrowStatusesAreMonotonic() {
        EscrowView e = new EscrowView();
        e.status = "FUNDED";
        assertFalse(e.advanceStatus("DRAFT"), "a late EscrowCreated does not bring a funded escrow back");
        assertTrue(e.advanceStatus("RELEASABLE"));
        assertTrue(e.advanceStatus("RELEASED"));
        assertFalse(e.advanceStatus("FUNDED"));
        assertFalse(e.advanceStatus("REFUNDED"));
        assertEquals("RELEASED", e.status);
    }

    @Test
    void paidMilestoneIsFinal() {
        MilestoneView m = new MilestoneView();
        m.status = "PAYING";
        assertTrue(m.applyStatus("APPROVED"), "payout rejected: back to APPROVED (domain.md#9.2)");
        assertTrue(m.applyStatus("PAYING"));
        assertTrue(m.applyStatus("PAID"));
        assertFalse(m.applyStatus("PAYING"), "a late PAYING cannot reopen a paid milestone");
        assertFalse(m.applyStatus("PAID"));
        assertEquals("PAID", m.status);
    }
}
