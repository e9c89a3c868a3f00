package com.kobatela.payment.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One movement of an escrow's balance (table {@code ledger_entries}). {@code source_ref} is UNIQUE (e.g.
 * {@code deposit:<deposit_id>}), so a source is booked at most once whatever the event delivery.
 */
@Entity
@Table(name = "ledger_entries")
public class LedgerEntry extends PanacheEntityBase {

    /** Kind of a deposit credit. */
    public static final String CREDIT = "CREDIT";
    /** Kind of a payout debit (the payment was accepted by the PSP). */
    public static final String DEBIT = "DEBIT";
    /** Kind of a debit given back (a SENT payment that the PSP reports failed). */
    public static final String REVERSAL = "REVERSAL";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "escrow_id", nullable = false)
    public long escrowId;

    /** {@link #CREDIT}, {@link #DEBIT} or {@link #REVERSAL}. */
    @Column(nullable = false)
    public String kind;

    /** Positive amount, scale 2. */
    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal amount;

    @Column(name = "source_ref", nullable = false)
    public String sourceRef;

    /** The event that caused it. */
    @Column(name = "event_id", nullable = false)
    public String eventId;

    /** UTC. */
    @Column(nullable = false)
    public OffsetDateTime at;

    /** The source reference of a deposit credit. */
    public static String depositRef(long depositId) {
        return "deposit:" + depositId;
    }

    /** The source reference of a payment's debit. */
    public static String paymentDebitRef(long paymentId) {
        return "payment:" + paymentId;
    }

    /** The source reference of a payment's reversal. */
    public static String paymentReversalRef(long paymentId) {
        return "payment:" + paymentId + ":reversal";
    }
}
