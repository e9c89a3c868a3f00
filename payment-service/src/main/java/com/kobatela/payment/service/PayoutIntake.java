package com.kobatela.payment.service;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.kernel.event.EventConsumer;
import com.kobatela.kernel.event.InboundEvent;
import com.kobatela.kernel.event.payload.PayoutRequested;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.payment.domain.PaymentSources;
import com.kobatela.payment.domain.PayoutCommand;

import io.smallrye.mutiny.Uni;

/**
 * Takes payout requests from Kafka ({@code escrow.payout-requested.v1}, {@code spend.usage-payout-requested.v1}):
 * once per event id ({@link EventConsumer#once}) and once per idempotency key (UNIQUE key, decision under the balance's
 * row lock), reserve in the consumer's transaction ({@link PayoutService}); after the commit, hand the PENDING payment
 * to the PSP in the background ({@link PaymentDispatcher#dispatchInBackground}) so the partition is not held by PSP
 * latency. A redelivered event is skipped before anything happens, so it makes neither a payment nor a PSP call.
 */
@ApplicationScoped
public class PayoutIntake {

    @Inject
    EventConsumer consumer;

    @Inject
    PayoutService payouts;

    @Inject
    PaymentDispatcher dispatcher;

    /**
     * Handles one payout request event.
     *
     * @param defaultSource the source when the payload has none ({@code milestone} or {@code usage-spend})
     * @return completes once committed (or skipped as a duplicate)
     * @throws IllegalArgumentException (as a failure: poison, dead-lettered) when the payload has no idempotency key or
     *                                  one longer than 128 characters
     */
    public Uni<Void> onRequested(InboundEvent event, String defaultSource) {
        AfterCommit after = new AfterCommit();
        return consumer.once(event, e -> {
            after.clear();
            PayoutCommand cmd = command(consumer.payload(e, PayoutRequested.class), e, defaultSource);
            return payouts.reserve(cmd, after, dispatcher::dispatchInBackground).replaceWithVoid();
        }).invoke(after::run);
    }

    /**
     * Reads a request; an amount out of range is kept null, so that the request is refused with
     * {@code INVALID_PAYOUT_REQUEST} (as are a missing amount or beneficiary).
     */
    static PayoutCommand command(PayoutRequested r, InboundEvent e, String defaultSource) {
        String key = r.idempotencyKey() == null ? null : r.idempotencyKey().strip();
        if (key == null || key.isEmpty() || key.length() > PayoutCommand.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("payout request " + e.id() + " without a usable idempotency key");
        }
        BigDecimal amount = r.amount() != null && Amounts.inRange(r.amount()) ? Amounts.normalize(r.amount()) : null;
        String source = r.source() == null || r.source().isBlank() ? defaultSource : r.source();
        if (!PaymentSources.MILESTONE.equals(source) && !PaymentSources.USAGE_SPEND.equals(source)) {
            source = defaultSource;
        }
        String beneficiary = r.beneficiary() == null || r.beneficiary().isBlank() ? null : r.beneficiary().strip();
        String actor = e.actor() == null || e.actor().isBlank() ? "system" : e.actor();
        return new PayoutCommand(r.escrowId(), r.milestoneId(), amount, r.currency(), beneficiary, key, source, r.note(), actor,
                e.correlation());
    }
}
