package com.kobatela.escrow.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.kobatela.escrow.service.Actor;
import com.kobatela.escrow.service.MilestoneProgress;
import com.kobatela.kernel.event.EventConsumer;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.InboundEvent;
import com.kobatela.kernel.event.payload.PaymentUpdate;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code kobatela.payment.v1} (channel {@code payment-events}, group {@code escrow-service}) once per event id
 * (CONTRACTS.md): {@code payment.sent.v1} → milestone PAID + finalisation; {@code payment.settled.v1} → timeline
 * {@code PAYMENT_SETTLED} (and {@code USAGE_SPEND}) once; {@code payment.payout-rejected.v1} and
 * {@code payment.failed.v1} → payout blocked, or recorded as failed after PAID. Unreadable records go to
 * {@code kobatela.payment.v1.dlq}.
 */
@ApplicationScoped
public class PaymentEventsConsumer {

    private static final Logger LOG = Logger.getLogger(PaymentEventsConsumer.class);

    @Inject
    EventConsumer consumer;

    @Inject
    MilestoneProgress progress;

    /** Handles one record; a failed Uni nacks it (dead-letter queue after retries). */
    @Incoming("payment-events")
    public Uni<Void> onRecord(ConsumerRecord<String, String> record) {
        return InboundRecords.once(consumer, record, this::apply);
    }

    private Uni<Void> apply(InboundEvent e) {
        return switch (e.type()) {
            case EventTypes.PAYMENT_SENT -> progress.paymentSent(consumer.payload(e, PaymentUpdate.class), Actor.of(e));
            case EventTypes.PAYMENT_SETTLED -> progress.paymentSettled(consumer.payload(e, PaymentUpdate.class), Actor.of(e));
            case EventTypes.PAYMENT_FAILED, EventTypes.PAYOUT_REJECTED ->
                progress.payoutFailed(consumer.payload(e, PaymentUpdate.class), Actor.of(e), e.type());
            default -> {
                LOG.debugf("event type %s ignored", e.type());
                yield Uni.createFrom().voidItem();
            }
        };
    }
}
