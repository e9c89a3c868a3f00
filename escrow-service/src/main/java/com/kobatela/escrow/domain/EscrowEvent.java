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
    /** {@code mark-delivered}: {@code {note, proof_url}}. */
    public static final String PROOF_UPLOADED = "PROOF_UPLOADED";
    /** {@code client-approve} or deadline release: {@code {note}} (null for the deadline). */
    public static final String CLIENT_APPROVED = "CLIENT_APPROVED";
    /** {@code client-reject} of a non-terminal escrow: {@code {note}}. */
    public static final String CLIENT_REJECTED = "CLIENT_REJECTED";
    /** Settlement of a payment, once per payment (key {@code payment:<id>:settled}). */
    public static final String PAYMENT_SETTLED = "PAYMENT_SETTLED";
    /** A usage spend succeeded, once per spend (key = the client's Idempotency-Key). */
    public static final String USAGE_SPEND = "USAGE_SPEND";
    /** Every milestone PAID and the escrow RELEASED: {@code {reason: all_milestones_paid}}. */
    public static final String CLOSED = "CLOSED";
    /** NEW: a milestone payout was rejected or failed while PAYING; the milestone went back to APPROVED. */
    public static final String PAYOUT_BLOCKED = "PAYOUT_BLOCKED";
    /** NEW: a payment failed after its milestone was PAID; the milestone stays PAID (manual follow-up). */
    public static final String PAYMENT_FAILED_AFTER_PAID = "PAYMENT_FAILED_AFTER_PAID";

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
