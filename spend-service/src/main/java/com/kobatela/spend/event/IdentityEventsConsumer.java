package com.kobatela.spend.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.InboundEvent;
import com.kobatela.kernel.event.payload.UserRegistered;
import com.kobatela.spend.service.Users;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code kobatela.identity.v1} (channel {@code identity-events}, group {@code spend-service}):
 * {@code UserRegistered}/{@code UserUpdated} upsert the user replica, once per event id; other types are marked
 * processed and ignored. Unreadable records fail and go to {@code kobatela.identity.v1.dlq}.
 */
@ApplicationScoped
public class IdentityEventsConsumer extends TopicConsumer {

    @Inject
    Users users;

    /** Handles one record; a failed Uni nacks it (dead-letter queue). */
    @Incoming("identity-events")
    public Uni<Void> onRecord(ConsumerRecord<String, String> record) {
        return handle(record);
    }

    @Override
    protected Uni<Void> apply(InboundEvent event) {
        return switch (event.type()) {
            case EventTypes.USER_REGISTERED, EventTypes.USER_UPDATED -> users.upsert(payload(event, UserRegistered.class));
            default -> Uni.createFrom().voidItem();
        };
    }
}
