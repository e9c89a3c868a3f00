package com.kobatela.proof.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.kobatela.kernel.event.EventConsumer;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.InboundEvent;
import com.kobatela.kernel.event.payload.EscrowCreated;
import com.kobatela.kernel.event.payload.EscrowDeposited;
import com.kobatela.kernel.event.payload.EscrowStatusChanged;
import com.kobatela.kernel.event.payload.MilestoneCreated;
import com.kobatela.kernel.event.payload.MilestoneStatusChanged;
import com.kobatela.proof.service.ReadModels;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code kobatela.escrow.v1} (channel {@code escrow-events}, group {@code proof-service}) into the escrow
 * and milestone read models, once per event id; other types are marked processed and ignored.
 */
@ApplicationScoped
public class EscrowEventsConsumer {

    @Inject
    EventConsumer consumer;

    @Inject
    ReadModels models;

    /** Handles one record; a failed Uni nacks it (dead-letter queue after retries). */
    @Incoming("escrow-events")
    public Uni<Void> onRecord(ConsumerRecord<String, String> record) {
        InboundEvent event;
        try {
            event = InboundEvent.from(record);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return consumer.once(event, this::apply);
    }

    private Uni<Void> apply(InboundEvent e) {
        return switch (e.type()) {
            case EventTypes.ESCROW_CREATED -> models.escrowCreated(consumer.payload(e, EscrowCreated.class));
            case EventTypes.ESCROW_DEPOSITED -> models.escrowDeposited(consumer.payload(e, EscrowDeposited.class));
            case EventTypes.ESCROW_STATUS_CHANGED, EventTypes.ESCROW_RELEASED ->
                models.escrowStatusChanged(consumer.payload(e, EscrowStatusChanged.class));
            case EventTypes.MILESTONE_CREATED -> models.milestoneCreated(consumer.payload(e, MilestoneCreated.class));
            case EventTypes.MILESTONE_STATUS_CHANGED -> models.milestoneStatusChanged(consumer.payload(e, MilestoneStatusChanged.class));
            default -> Uni.createFrom().voidItem();
        };
    }
}
