package com.kobatela.escrow.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An entry of an escrow's timeline (table {@code escrow_events}, spec {@code domain.md#2.3}, kinds in {@code #2.5}). */
@Entity
@Table(name = "escrow_events")
public class EscrowEvent extends PanacheEntityBase {

    /** Kind of a recorded deposit. */
    public static final String DEPOSIT = "DEPOSIT";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "escrow_id", nullable = false)
    public long escrowId;

    @Column(nullable = false, length = 50)
    public String kind;

    @Column(name = "idempotency_key", length = 128)
    public String idempotencyKey;

    /** Event payload, JSON object text (jsonb). */
    @Column(name = "data_json", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(data_json as text)", write = "cast(cast(? as text) as jsonb)")
    public String dataJson;

    /** When it happened (UTC). */
    @Column(nullable = false)
    public OffsetDateTime at;
}
