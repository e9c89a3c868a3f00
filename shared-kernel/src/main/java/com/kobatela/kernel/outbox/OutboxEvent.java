package com.kobatela.kernel.outbox;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A row of the transactional outbox (table {@code outbox_events}, ARCHITECTURE §3): written in the same
 * transaction as the state change it announces, published to Kafka by {@link OutboxRelay} in id order, then
 * marked published.
 */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** CloudEvents id (UUID), the consumers' de-duplication key. */
    @Column(name = "event_id", nullable = false, updatable = false)
    public String eventId;

    @Column(nullable = false, updatable = false)
    public String topic;

    /** Kafka record key: the aggregate id, so one aggregate's events stay ordered. */
    @Column(name = "message_key", nullable = false, updatable = false)
    public String messageKey;

    /** CloudEvents type, e.g. {@code escrow.deposited.v1}. */
    @Column(nullable = false, updatable = false)
    public String type;

    /** JSON payload. */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String payload;

    /** Who caused it ({@code apikey:<prefix>}, {@code system:<job>}, ...). */
    @Column(nullable = false, updatable = false)
    public String actor;

    @Column(name = "correlation_id", updatable = false)
    public String correlationId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
}
