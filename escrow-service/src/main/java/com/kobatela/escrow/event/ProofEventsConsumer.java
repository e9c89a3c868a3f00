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
import com.kobatela.kernel.event.payload.ProofDecided;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code kobatela.proof.v1} (channel {@code proof-events}, group {@code escrow-service}) once per event id:
 * {@code ProofSubmitted} → milestone PENDING_REVIEW, {@code ProofApproved} → APPROVED → PAYING with
 * {@code PayoutRequested}, {@code ProofRejected} → REJECTED (CONTRACTS.md). Other types are marked processed and
 * ignored; unreadable records and unknown milestones go to {@code kobatela.proof.v1.dlq}.
 */
@ApplicationScoped
public class ProofEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ProofEventsConsumer.class);

    @Inject
    EventConsumer consumer;

    @Inject
    MilestoneProgress progress;

    /** Handles one record; a failed Uni nacks it (dead-letter queue after retries). */
    @Incoming("proof-events")
    public Uni<Void> onRecord(ConsumerRecord<String, String> record) {
        return InboundRecords.once(consumer, record, this::apply);
    }

    private Uni<Void> apply(InboundEvent e) {
        return switch (e.type()) {
            case EventTypes.PROOF_SUBMITTED -> progress.proofSubmitted(consumer.payload(e, ProofDecided.class), Actor.of(e));
            case EventTypes.PROOF_APPROVED -> progress.proofApproved(consumer.payload(e, ProofDecided.class), Actor.of(e));
            case EventTypes.PROOF_REJECTED -> progress.proofRejected(consumer.payload(e, ProofDecided.class), Actor.of(e));
            default -> {
                LOG.debugf("event type %s ignored", e.type());
                yield Uni.createFrom().voidItem();
            }
        };
    }
}
