package com.kobatela.spend.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A security alert (table {@code alerts}, spec {@code domain.md#3.10}), e.g. {@code UNAUTHORIZED_TRANSFER_ATTEMPT}.
 * Written in a transaction of its own so that it survives the refused request ({@code rules.md#transfers}).
 */
@Entity
@Table(name = "alerts")
public class Alert extends PanacheEntityBase {

    /** Alert type of a refused restricted transfer. */
    public static final String UNAUTHORIZED_TRANSFER_ATTEMPT = "UNAUTHORIZED_TRANSFER_ATTEMPT";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String message;

    @Column(name = "actor_user_id")
    public Long actorUserId;

    /** JSON object text (jsonb). */
    @Column(name = "payload_json", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(payload_json as text)", write = "cast(cast(? as text) as jsonb)")
    public String payloadJson;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
