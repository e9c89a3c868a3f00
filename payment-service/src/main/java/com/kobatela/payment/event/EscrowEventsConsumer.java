package com.kobatela.payment.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.kobatela.kernel.event.EventConsumer;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.InboundEvent;
import com.kobatela.kernel.event.payload.EscrowCreated;
import com.kobatela.kernel.event.payload.EscrowDeposited;
import com.kobatela.kernel.event.payload.EscrowStatusChanged;
import com.kobatela.payment.domain.PaymentSources;
import com.kobatela.payment.service.BalanceLedger;
import com.kobatela.payment.service.PayoutIntake;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code kobatela.escrow.v1} (channel {@code escrow-events}, group {@code payment-service}):
 * {@code EscrowCreated} opens the escrow's balance, {@code EscrowDeposited} credits it once, status changes and
 * {@code EscrowReleased} record the escrow's status, {@code PayoutRequested} reserves and sends a milestone payout
 * ({@link PayoutIntake}); other types are marked processed and ignored. Poison records (unreadable payload, missing
 * CloudEvents headers, payout without idempotency key) go to {@code kobatela.escrow.v1.dlq} without blocking the
 * partition.
 */
@ApplicationScoped
public class EscrowEventsConsumer {

    private static final Logger LOG = Logger.getLogger(EscrowEventsConsumer.class);

    @Inject
    EventConsumer consumer;

    @Inject
    BalanceLedger ledger;

    @Inject
    PayoutIntake payouts;

    /** Handles one record; a failed Uni nacks it (dead-letter queue). */
    @Incoming("escrow-events")
    public Uni<Void> onRecord(ConsumerRecord<String, String> record) {
        return Records.handle(record, event -> EventTypes.PAYOUT_REQUESTED.equals(event.type())
                ? payouts.onRequested(event, PaymentSources.MILESTONE)
                : consumer.once(event, this::apply));
    }

    private Uni<Void> apply(InboundEvent event) {
        return switch (event.type()) {
            case EventTypes.ESCROW_CREATED -> ledger.open(consumer.payload(event, EscrowCreated.class));
            case EventTypes.ESCROW_DEPOSITED -> ledger.credit(consumer.payload(event, EscrowDeposited.class), event.id());
            case EventTypes.ESCROW_STATUS_CHANGED, EventTypes.ESCROW_RELEASED ->
                    ledger.status(consumer.payload(event, EscrowStatusChanged.class));
            default -> {
                LOG.debugf("event type %s ignored", event.type());
                yield Uni.createFrom().voidItem();
            }
        };
    }
}
