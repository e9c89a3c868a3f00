package com.kobatela.kernel.event;

import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.kernel.metrics.ConsumerMetrics;
import com.kobatela.kernel.outbox.Transactions;

import io.smallrye.mutiny.Uni;

/**
 * Runs a consumer's effect exactly once per event id: effect + {@link ProcessedEvents} marker in one
 * transaction, bounded retries with back-off for transient failures, and immediate failure for poison
 * messages (unparseable payload, missing CloudEvents attributes). A failure after the retries makes the
 * channel's {@code dead-letter-queue} strategy move the record to {@code <topic>.dlq} (ARCHITECTURE §3).
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    Transactions transactions;

    @Inject
    ProcessedEvents processed;

    @Inject
    ObjectMapper mapper;

    @Inject
    ConsumerMetrics metrics;

    @ConfigProperty(name = "quarkus.application.name")
    String consumerName;

    @ConfigProperty(name = "kobatela.consumer.max-retries", defaultValue = "5")
    int maxRetries;

    /**
     * Applies {@code effect} once for this event.
     *
     * @param event  the consumed event
     * @param effect the effect, run inside the transaction
     * @return completes when committed (or skipped as a duplicate)
     */
    public Uni<Void> once(InboundEvent event, Function<InboundEvent, Uni<Void>> effect) {
        return transactions.inTransaction(() -> processed.firstTime(consumerName, event.id())
                .chain(first -> {
                    if (!first) {
                        LOG.debugf("event %s (%s) already processed, skipped", event.id(), event.type());
                        return Uni.createFrom().item(Boolean.TRUE);
                    }
                    return effect.apply(event).replaceWith(Boolean.FALSE);
                }))
                .onFailure().invoke(e -> metrics.failed(consumerName, event.type(), isTransient(e)))
                .onFailure(EventConsumer::isTransient).retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(maxRetries)
                .onItem().invoke(duplicate -> metrics.processed(consumerName, event.type(), duplicate))
                .onFailure().invoke(e -> {
                    metrics.deadLettered(consumerName, event.type());
                    LOG.errorf("event %s (%s) failed, sent to dead letters: %s", event.id(), event.type(), e);
                })
                .replaceWithVoid();
    }

    /**
     * Reads a consumed Kafka record and applies {@code effect} once ({@link #once(InboundEvent, Function)}). A record
     * without CloudEvents id or type is a poison message: it fails at once (dead-letter queue) and is counted.
     *
     * @param record the consumed record
     * @param effect the effect, run inside the transaction
     * @return completes when committed (or skipped as a duplicate)
     */
    public Uni<Void> once(ConsumerRecord<?, ?> record, Function<InboundEvent, Uni<Void>> effect) {
        InboundEvent event;
        try {
            event = InboundEvent.from(record);
        } catch (IllegalArgumentException e) {
            metrics.failed(consumerName, null, false);
            metrics.deadLettered(consumerName, null);
            LOG.errorf("record %s-%d@%d is not a CloudEvent, sent to dead letters", record.topic(), record.partition(), record.offset());
            return Uni.createFrom().failure(e);
        }
        return once(event, effect);
    }

    /**
     * Reads the payload of an event as {@code type}. Tolerant reader: fields this version does not know are
     * ignored, so a producer may add optional fields without breaking older consumers (a breaking change needs a
     * new event version, ARCHITECTURE §3).
     *
     * @throws PoisonEventException when the JSON does not match
     */
    public <T> T payload(InboundEvent event, Class<T> type) {
        try {
            return mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(event.payload());
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("unreadable payload of " + event.type() + " " + event.id(), e);
        }
    }

    static boolean isTransient(Throwable t) {
        return !(t instanceof PoisonEventException) && !(t instanceof IllegalArgumentException);
    }

    /** An event that can never be processed: it goes to the dead-letter topic without retries. */
    public static class PoisonEventException extends RuntimeException {
        public PoisonEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
