package com.kobatela.kernel.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Adds an event to the outbox inside the caller's current transaction (ARCHITECTURE §3). Must be called
 * within {@link Transactions#inTransaction}; the event leaves only if that transaction commits.
 */
@ApplicationScoped
public class OutboxWriter {

    @Inject
    ObjectMapper mapper;

    /**
     * Stages an event.
     *
     * @param topic       target topic ({@link com.kobatela.kernel.event.Topics})
     * @param key         aggregate id (Kafka key)
     * @param type        CloudEvents type ({@link com.kobatela.kernel.event.EventTypes})
     * @param payload     payload record, serialised with the application's ObjectMapper (snake_case)
     * @param actor       who caused it
     * @param correlation request id, may be null
     * @return the staged row
     */
    public Uni<OutboxEvent> write(String topic, String key, String type, Object payload, String actor, String correlation) {
        OutboxEvent e = new OutboxEvent();
        e.eventId = UUID.randomUUID().toString();
        e.topic = topic;
        e.messageKey = key;
        e.type = type;
        try {
            e.payload = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException ex) {
            return Uni.createFrom().failure(new IllegalStateException("event payload not serialisable: " + type, ex));
        }
        e.actor = actor;
        e.correlationId = correlation;
        e.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return e.persist().replaceWith(e);
    }
}
