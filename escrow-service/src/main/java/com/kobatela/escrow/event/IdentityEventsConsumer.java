package com.kobatela.escrow.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.kobatela.escrow.service.UserReplicaService;
import com.kobatela.kernel.event.EventConsumer;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.InboundEvent;
import com.kobatela.kernel.event.payload.UserRegistered;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code kobatela.identity.v1} (channel {@code identity-events}, group {@code escrow-service}):
 * {@code UserRegistered}/{@code UserUpdated} upsert the user replica, once per event id; other types are marked
 * processed and ignored. Unreadable records fail and go to {@code kobatela.identity.v1.dlq}.
 */
@ApplicationScoped
public class IdentityEventsConsumer {

    private static final Logger LOG = Logger.getLogger(IdentityEventsConsumer.class);

    @Inject
    EventConsumer consumer;

    @Inject
    UserReplicaService replicas;

    /** Handles one record; a failed Uni nacks it (dead-letter queue). */
    @Incoming("identity-events")
    public Uni<Void> onRecord(ConsumerRecord<String, String> record) {
        return InboundRecords.once(consumer, record, this::apply);
    }

    private Uni<Void> apply(InboundEvent event) {
        return switch (event.type()) {
            case EventTypes.USER_REGISTERED, EventTypes.USER_UPDATED -> replicas.upsert(consumer.payload(event, UserRegistered.class));
            default -> {
                LOG.debugf("event type %s ignored", event.type());
                yield Uni.createFrom().voidItem();
            }
        };
    }
}
