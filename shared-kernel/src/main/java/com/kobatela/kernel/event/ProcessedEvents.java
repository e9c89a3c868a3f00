package com.kobatela.kernel.event;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * De-duplication of consumed events (table {@code processed_events}, primary key {@code (consumer, event_id)}):
 * the effect of an event and the marker commit in one transaction, so a redelivered event is skipped
 * (ARCHITECTURE §3, spec {@code rules.md#idempotency} "every event consumer").
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * Records that {@code consumer} handles {@code eventId}; must run inside the transaction of the effect.
     * A concurrent duplicate blocks on the primary key until the first commits, then sees the row.
     *
     * @return true the first time, false when the event was already processed
     */
    public Uni<Boolean> firstTime(String consumer, String eventId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into processed_events (consumer, event_id, processed_at) values (:c, :e, now()) on conflict do nothing")
                .setParameter("c", consumer)
                .setParameter("e", eventId)
                .executeUpdate())
                .map(n -> n == 1);
    }
}
