package com.kobatela.proof.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.kobatela.kernel.event.EventConsumer;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.InboundEvent;
import com.kobatela.kernel.event.payload.PaymentUpdate;
import com.kobatela.proof.service.ReadModels;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code kobatela.payment.v1} (channel {@code payment-events}, group {@code proof-service}) into the
 * payment view used by the balance pre-check, once per event id.
 */
@ApplicationScoped
public class PaymentEventsConsumer {

    @Inject
    EventConsumer consumer;

    @Inject
    ReadModels models;

    /** Handles one record; a failed Uni nacks it (dead-letter queue after retries). */
    @Incoming("payment-events")
    public Uni<Void> onRecord(ConsumerRecord<String, String> record) {
        InboundEvent event;
        try {
            event = InboundEvent.from(record);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return consumer.once(event, e -> switch (e.type()) {
            case EventTypes.PAYMENT_SENT, EventTypes.PAYMENT_SETTLED, EventTypes.PAYMENT_FAILED ->
                models.payment(consumer.payload(e, PaymentUpdate.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
