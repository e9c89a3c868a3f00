package com.kobatela.payment.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.kobatela.kernel.event.EventConsumer;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.payment.domain.PaymentSources;
import com.kobatela.payment.service.PayoutIntake;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code kobatela.spend.v1} (channel {@code spend-events}, group {@code payment-service}):
 * {@code UsagePayoutRequested} reserves and sends a usage-spend payout, settled as soon as the PSP accepts it
 * (CONTRACTS); other types are marked processed and ignored. Poison records go to {@code kobatela.spend.v1.dlq}.
 */
@ApplicationScoped
public class SpendEventsConsumer {

    private static final Logger LOG = Logger.getLogger(SpendEventsConsumer.class);

    @Inject
    EventConsumer consumer;

    @Inject
    PayoutIntake payouts;

    /** Handles one record; a failed Uni nacks it (dead-letter queue). */
    @Incoming("spend-events")
    public Uni<Void> onRecord(ConsumerRecord<String, String> record) {
        return Records.handle(record, event -> EventTypes.USAGE_PAYOUT_REQUESTED.equals(event.type())
                ? payouts.onRequested(event, PaymentSources.USAGE_SPEND)
                : consumer.once(event, e -> {
                    LOG.debugf("event type %s ignored", e.type());
                    return Uni.createFrom().voidItem();
                }));
    }
}
