package com.kobatela.spend.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One usage spend (table {@code usage_spends}; spec {@code rules.md#payees}, README judgement call 2): the payee
 * counters reserved by {@code POST /spend} and the payout asked of payment-service with key
 * {@code usage|<principal>|<client key>}. Status RESERVED, then CONFIRMED on {@code payment.settled} or RELEASED (counters
 * given back) on {@code payment.payout-rejected}/{@code payment.failed}; {@code paymentStatus} is what the client sees
 * (PENDING, SENT, SETTLED, ERROR, REJECTED). The requester (actor, key, request id) is kept for the audits written
 * when the outcome arrives.
 */
@Entity
@Table(name = "usage_spends")
public class UsageSpend extends PanacheEntityBase {

    /** Counters reserved, outcome not known yet. */
    public static final String RESERVED = "RESERVED";
    /** The payout settled: the reservation became a spend. */
    public static final String CONFIRMED = "CONFIRMED";
    /** The payout was refused or failed: the counters were given back. */
    public static final String RELEASED = "RELEASED";

    /** Payment statuses shown to the client (PaymentStatus of spec {@code domain.md#8}, plus REJECTED: no payment made). */
    public static final String PAYMENT_PENDING = "PENDING";
    public static final String PAYMENT_SENT = "SENT";
    public static final String PAYMENT_SETTLED = "SETTLED";
    public static final String PAYMENT_ERROR = "ERROR";
    public static final String PAYMENT_REJECTED = "REJECTED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "escrow_id", nullable = false)
    public long escrowId;

    @Column(name = "payee_id", nullable = false)
    public long payeeId;

    @Column(name = "payee_ref", nullable = false)
    public String payeeRef;

    /** Scale 2, &gt; 0, in {@link #currency}. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal amount;

    /** The escrow's currency. */
    @Column(nullable = false)
    public String currency;

    @Column
    public String note;

    @Column(nullable = false)
    public String status;

    /** The UTC day whose {@code spent_today} holds this reservation. */
    @Column(name = "reserved_on", nullable = false)
    public LocalDate reservedOn;

    @Column(name = "payment_status", nullable = false)
    public String paymentStatus;

    @Column(name = "payment_id")
    public Long paymentId;

    @Column(name = "psp_ref")
    public String pspRef;

    /** Why the payout was refused or failed, from payment-service. */
    @Column(name = "reason_code")
    public String reasonCode;

    @Column(name = "idempotency_scope", nullable = false)
    public String idempotencyScope;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(name = "request_fingerprint", nullable = false)
    public String requestFingerprint;

    /** {@code usage|<principal>|<client key>}, the payout's idempotency key at payment-service. */
    @Column(name = "payout_key", nullable = false)
    public String payoutKey;

    /** Audit actor of the requester ({@code apikey:<prefix>}). */
    @Column(nullable = false)
    public String actor;

    @Column(name = "api_key_id")
    public Long apiKeyId;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
