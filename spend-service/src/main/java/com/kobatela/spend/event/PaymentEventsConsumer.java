package com.kobatela.spend.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.InboundEvent;
import com.kobatela.kernel.event.payload.PaymentUpdate;
import com.kobatela.spend.service.ReadModels;
import com.kobatela.spend.service.UsageSpendOutcomes;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code kobatela.payment.v1} (channel {@code payment-events}, group {@code spend-service}), once per event
 * id: {@code payment.sent/settled/failed} update the payment view of the balance pre-check, and every payment event
 * whose idempotency key is a usage payout's confirms or releases that spend ({@link UsageSpendOutcomes}), in the same
 * transaction. Dead letters go to {@code kobatela.payment.v1.dlq}.
 */
@ApplicationScoped
public class PaymentEventsConsumer extends TopicConsumer {

    @Inject
    ReadModels models;

    @Inject
    UsageSpendOutcomes outcomes;

    /** Handles one record; a failed Uni nacks it (dead-letter queue after retries). */
    @Incoming("payment-events")
    public Uni<Void> onRecord(ConsumerRecord<String, String> record) {
        return handle(record);
    }

    @Override
    protected Uni<Void> apply(InboundEvent e) {
        return switch (e.type()) {
            case EventTypes.PAYMENT_SENT, EventTypes.PAYMENT_SETTLED, EventTypes.PAYMENT_FAILED -> {
                PaymentUpdate p = payload(e, PaymentUpdate.class);
                yield models.payment(p).chain(() -> outcomes.apply(e.type(), p));
            }
            case EventTypes.PAYOUT_REJECTED -> outcomes.apply(e.type(), payload(e, PaymentUpdate.class));
            default -> Uni.createFrom().voidItem();
        };
    }
}
