package com.kobatela.spend.event;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.kobatela.kernel.event.EventConsumer;
import com.kobatela.kernel.event.InboundEvent;

import io.smallrye.mutiny.Uni;

/**
 * Common part of spend-service's consumers (ARCHITECTURE §3): reads the CloudEvents record and applies the
 * subclass's effect once per event id through {@link EventConsumer#once} (effect and de-duplication marker in one
 * transaction, bounded retries). A record without {@code ce_id}/{@code ce_type}, or a failure after the retries, fails
 * the returned Uni, which nacks the record to the channel's dead-letter topic ({@code <topic>.dlq}).
 */
abstract class TopicConsumer {

    @Inject
    EventConsumer consumer;

    /** Handles one record; called by the subclass's {@code @Incoming} method. */
    protected Uni<Void> handle(ConsumerRecord<String, String> record) {
        InboundEvent event;
        try {
            event = InboundEvent.from(record);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return consumer.once(event, this::apply);
    }

    /** The effect of one event, inside the consumer's transaction; unknown types do nothing. */
    protected abstract Uni<Void> apply(InboundEvent event);

    /** The payload of an event as {@code type} (tolerant reader; unreadable = poison, straight to the DLQ). */
    protected <T> T payload(InboundEvent event, Class<T> type) {
        return consumer.payload(event, type);
    }
}
