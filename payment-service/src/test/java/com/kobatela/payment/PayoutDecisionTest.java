package com.kobatela.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.kobatela.payment.domain.EscrowBalance;
import com.kobatela.payment.domain.Payment;
import com.kobatela.payment.domain.PaymentSources;
import com.kobatela.payment.domain.PaymentStatus;
import com.kobatela.payment.domain.PayoutCommand;
import com.kobatela.payment.domain.PayoutDecision;
import com.kobatela.payment.domain.PayoutDecision.Kind;

/** The payout algorithm (spec rules.md#payouts steps 1–4, #balance) as a pure function. */
class PayoutDecisionTest {

    private static EscrowBalance balance(String deposited, String debited, String reserved, String status) {
        EscrowBalance b = new EscrowBalance();
        b.escrowId = 1L;
        b.currency = "USD";
        b.deposited = new BigDecimal(deposited);
        b.debited = new BigDecimal(debited);
        b.reserved = new BigDecimal(reserved);
        b.escrowStatus = status;
        return b;
    }

    private static PayoutCommand cmd(String amount, Long milestoneId, String source) {
        return new PayoutCommand(1L, milestoneId, amount == null ? null : new BigDecimal(amount), "USD", "user:2", "k", source, null,
                "system:test", null);
    }

    private static Payment payment(PaymentStatus status, String amount) {
        Payment p = new Payment();
        p.id = 9L;
        p.escrowId = 1L;
        p.amount = new BigDecimal(amount);
        p.status = status;
        return p;
    }

    private static void rejects(String reason, PayoutDecision d) {
        assertEquals(Kind.REJECT, d.kind());
        assertEquals(reason, d.reason());
    }

    @Test
    void balanceIsDepositsMinusDebitsMinusReservations() {
        EscrowBalance b = balance("100.00", "30.00", "20.00", "FUNDED");
        assertEquals(new BigDecimal("50.00"), b.available());
        assertEquals(Kind.CREATE, PayoutDecision.decide(cmd("50.00", 5L, PaymentSources.MILESTONE), b, null, null).kind());
        rejects("INSUFFICIENT_ESCROW_BALANCE", PayoutDecision.decide(cmd("50.01", 5L, PaymentSources.MILESTONE), b, null, null));
    }

    @Test
    void existingKeyDecidesFirst() {
        EscrowBalance empty = balance("0.00", "0.00", "0.00", "FUNDED");
        Payment sent = payment(PaymentStatus.SENT, "10.00");
        PayoutDecision done = PayoutDecision.decide(cmd("10.00", 5L, PaymentSources.MILESTONE), empty, sent, null);
        assertEquals(Kind.ALREADY_DONE, done.kind());
        assertSame(sent, done.payment());
        assertEquals(Kind.ALREADY_DONE, PayoutDecision.decide(cmd("10.00", 5L, PaymentSources.MILESTONE), empty,
                payment(PaymentStatus.SETTLED, "10.00"), null).kind());
        Payment error = payment(PaymentStatus.ERROR, "10.00");
        PayoutDecision inError = PayoutDecision.decide(cmd("10.00", 5L, PaymentSources.MILESTONE), balance("100.00", "0.00", "0.00", "FUNDED"),
                error, null);
        rejects("PAYMENT_IN_ERROR", inError);
        assertSame(error, inError.payment());
        // a PENDING payment is reserved already: "other PENDING payments" exclude it
        EscrowBalance reserved = balance("10.00", "0.00", "10.00", "FUNDED");
        assertEquals(Kind.SEND_EXISTING, PayoutDecision.decide(cmd("10.00", 5L, PaymentSources.MILESTONE), reserved,
                payment(PaymentStatus.PENDING, "10.00"), null).kind());
        rejects("IDEMPOTENCY_KEY_CONFLICT", PayoutDecision.decide(cmd("11.00", 5L, PaymentSources.MILESTONE), reserved,
                payment(PaymentStatus.PENDING, "10.00"), null));
    }

    @Test
    void aMilestoneIsPaidOnce() {
        EscrowBalance b = balance("100.00", "10.00", "0.00", "FUNDED");
        assertEquals(Kind.ALREADY_DONE, PayoutDecision.decide(cmd("10.00", 5L, PaymentSources.MILESTONE), b, null,
                payment(PaymentStatus.SENT, "10.00")).kind());
        rejects("MILESTONE_ALREADY_PAID", PayoutDecision.decide(cmd("12.00", 5L, PaymentSources.MILESTONE), b, null,
                payment(PaymentStatus.SENT, "10.00")));
    }

    @Test
    void escrowStateAndRequestChecks() {
        rejects("UNKNOWN_ESCROW", PayoutDecision.decide(cmd("1.00", 5L, PaymentSources.MILESTONE), null, null, null));
        rejects("INVALID_PAYOUT_REQUEST", PayoutDecision.decide(cmd(null, 5L, PaymentSources.MILESTONE), null, null, null));
        rejects("INVALID_PAYOUT_REQUEST", PayoutDecision.decide(cmd("0.00", 5L, PaymentSources.MILESTONE), null, null, null));
        EscrowBalance b = balance("100.00", "0.00", "0.00", "REFUNDED");
        rejects("ESCROW_NOT_ACTIVE", PayoutDecision.decide(cmd("1.00", 5L, PaymentSources.MILESTONE), b, null, null));
        b.escrowStatus = "CANCELLED";
        rejects("ESCROW_NOT_ACTIVE", PayoutDecision.decide(cmd("1.00", null, PaymentSources.USAGE_SPEND), b, null, null));
        b.escrowStatus = "RELEASED";
        rejects("ESCROW_NOT_ACTIVE", PayoutDecision.decide(cmd("1.00", null, PaymentSources.USAGE_SPEND), b, null, null));
        assertEquals(Kind.CREATE, PayoutDecision.decide(cmd("1.00", 5L, PaymentSources.MILESTONE), b, null, null).kind());
        b.escrowStatus = "FUNDED";
        b.currency = "EUR";
        rejects("CURRENCY_MISMATCH", PayoutDecision.decide(cmd("1.00", 5L, PaymentSources.MILESTONE), b, null, null));
    }
}
