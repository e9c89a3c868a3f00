package com.kobatela.payment.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A payout to a beneficiary (table {@code payments}, spec {@code domain.md#5.1}, {@code #9.4}). Amount
 * {@code numeric(18,2)} in {@code currency} (the escrow's); {@code idempotency_key} and {@code psp_ref} are UNIQUE; a
 * milestone has at most one PENDING/SENT/SETTLED payment (partial unique index). Status changes happen only in
 * {@link com.kobatela.payment.service.PaymentTransitions} under the escrow balance's row lock, then this row's lock;
 * updates write only the changed columns, so the recovery job's claim (attempts, next attempt) is never overwritten.
 */
@Entity
@Table(name = "payments")
@DynamicUpdate
public class Payment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "escrow_id", nullable = false)
    public long escrowId;

    /** Null for usage-spend payouts. */
    @Column(name = "milestone_id")
    public Long milestoneId;

    /** Positive, scale 2. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal amount;

    /** ISO 4217, the escrow's currency. */
    @Column(nullable = false, length = 3)
    public String currency;

    /** The PSP's reference, set when the PSP accepts the payout. */
    @Column(name = "psp_ref")
    public String pspRef;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PaymentStatus status;

    /** {@code pay|escrow:..|ms:..|amt:..}, {@code usage|<principal>|<key>} or {@code payment:<id>}; sent to the PSP. */
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** {@link PaymentSources#MILESTONE} or {@link PaymentSources#USAGE_SPEND}. */
    public String source;

    /** Payee reference of a usage-spend payout. */
    @Column(name = "payee_ref")
    public String payeeRef;

    /** Who receives the money at the PSP ({@code user:<provider_id>} or the payee reference). */
    @Column(nullable = false)
    public String beneficiary;

    /** The usage spend's note. */
    public String note;

    /** Why it is in ERROR ({@link PayoutRejections#PSP_REJECTED}, {@link PayoutRejections#PSP_FAILED}). */
    @Column(name = "reason_code")
    public String reasonCode;

    /** What settled it ({@link PaymentSources#PSP_WEBHOOK}, {@code manual-execute}, {@code usage-spend}). */
    @Column(name = "settlement_source")
    public String settlementSource;

    /** Actor of the payout request ({@code apikey:<prefix>}, {@code system:<job>}, ...), for audits and events. */
    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    /** Correlation id of the request that caused it. */
    @Column(name = "correlation_id")
    public String correlationId;

    /** PSP calls started for this payment. */
    @Column(name = "psp_attempts", nullable = false)
    public int pspAttempts;

    /** While PENDING: when the recovery job may (re)send it to the PSP (UTC). */
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    /** Last transient PSP failure (no secrets, no PSP payload). */
    @Column(name = "last_psp_error")
    public String lastPspError;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    @Column(name = "settled_at")
    public OffsetDateTime settledAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
