package com.kobatela.spend.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.InboundEvent;
import com.kobatela.kernel.event.payload.EscrowCreated;
import com.kobatela.kernel.event.payload.EscrowDeposited;
import com.kobatela.kernel.event.payload.EscrowStatusChanged;
import com.kobatela.spend.service.ReadModels;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code kobatela.escrow.v1} (channel {@code escrow-events}, group {@code spend-service}, key = escrow id so
 * one escrow's events arrive in order) into the escrow read model: {@code EscrowCreated}, {@code EscrowDeposited},
 * {@code EscrowStatusChanged} and {@code EscrowReleased}, once per event id; other types are ignored. Dead letters go to
 * {@code kobatela.escrow.v1.dlq}.
 */
@ApplicationScoped
public class EscrowEventsConsumer extends TopicConsumer {

    @Inject
    ReadModels models;

    /** Handles one record; a failed Uni nacks it (dead-letter queue after retries). */
    @Incoming("escrow-events")
    public Uni<Void> onRecord(ConsumerRecord<String, String> record) {
        return handle(record);
    }

    @Override
    protected Uni<Void> apply(InboundEvent e) {
        return switch (e.type()) {
            case EventTypes.ESCROW_CREATED -> models.escrowCreated(payload(e, EscrowCreated.class));
            case EventTypes.ESCROW_DEPOSITED -> models.escrowDeposited(payload(e, EscrowDeposited.class));
            case EventTypes.ESCROW_STATUS_CHANGED, EventTypes.ESCROW_RELEASED ->
                models.escrowStatusChanged(payload(e, EscrowStatusChanged.class));
            default -> Uni.createFrom().voidItem();
        };
    }
}
