package com.kobatela.payment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.kernel.event.payload.PaymentUpdate;
import com.kobatela.kernel.outbox.OutboxEvent;
import com.kobatela.kernel.outbox.OutboxWriter;
import com.kobatela.payment.domain.Payment;
import com.kobatela.payment.domain.PayoutCommand;

import io.smallrye.mutiny.Uni;

/**
 * Stages payment-service's events in the outbox of the current transaction (CONTRACTS, topic {@code kobatela.payment.v1},
 * key = escrow id, payload {@link PaymentUpdate}): {@code payment.sent.v1}, {@code payment.settled.v1},
 * {@code payment.failed.v1}, {@code payment.payout-rejected.v1}.
 */
@ApplicationScoped
public class PaymentEvents {

    /** {@code status} of a rejection that has no payment of its own. */
    public static final String REJECTED = "REJECTED";

    @Inject
    OutboxWriter outbox;

    /** {@code payment.sent.v1}: the PSP accepted the payout (source = the payment's source). */
    public Uni<OutboxEvent> sent(Payment p, Actor actor) {
        return write(EventTypes.PAYMENT_SENT, update(p, p.source, null), actor);
    }

    /** {@code payment.settled.v1}: source = the settlement source ({@code psp_webhook}, {@code manual-execute}, {@code usage-spend}). */
    public Uni<OutboxEvent> settled(Payment p, String settlementSource, Actor actor) {
        return write(EventTypes.PAYMENT_SETTLED, update(p, settlementSource, null), actor);
    }

    /** {@code payment.failed.v1}: status ERROR with the payment's reason code. */
    public Uni<OutboxEvent> failed(Payment p, Actor actor) {
        return write(EventTypes.PAYMENT_FAILED, update(p, p.source, p.reasonCode), actor);
    }

    /**
     * {@code payment.payout-rejected.v1} for a request: the request's idempotency key, amount and source; the existing
     * payment's id and status when the refusal concerns one (PAYMENT_IN_ERROR), else payment id null and status
     * {@value #REJECTED}.
     */
    public Uni<OutboxEvent> rejected(PayoutCommand cmd, Payment existing, String reason) {
        PaymentUpdate u = new PaymentUpdate(existing == null ? null : existing.id, cmd.escrowId(), cmd.milestoneId(), cmd.amount(),
                cmd.currency(), existing == null ? null : existing.pspRef, existing == null ? REJECTED : existing.status.name(),
                cmd.source(), cmd.idempotencyKey(), reason, cmd.payeeRef(), cmd.note());
        return outbox.write(Topics.PAYMENT, String.valueOf(cmd.escrowId()), EventTypes.PAYOUT_REJECTED, u, cmd.actor(), cmd.correlation());
    }

    private static PaymentUpdate update(Payment p, String source, String reason) {
        return new PaymentUpdate(p.id, p.escrowId, p.milestoneId, p.amount, p.currency, p.pspRef, p.status.name(), source,
                p.idempotencyKey, reason, p.payeeRef, p.note);
    }

    private Uni<OutboxEvent> write(String type, PaymentUpdate u, Actor actor) {
        return outbox.write(Topics.PAYMENT, String.valueOf(u.escrowId()), type, u, actor.name(), actor.requestId());
    }
}
