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
 * A payee allowed to receive usage spends from an escrow (table {@code allowed_payees}, spec {@code domain.md#3.6}),
 * with optional daily and total limits (scale 2, escrow currency; null = no limit) and the counters of what is spent
 * or reserved. {@code spentToday} belongs to the UTC day {@code lastResetAt}; it is reset lazily at the next spend
 * of another day ({@code rules.md#payees} step 6). Unique per (escrow, payee_ref); CHECK constraints keep the
 * counters within the limits.
 */
@Entity
@Table(name = "allowed_payees")
public class AllowedPayee extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "escrow_id", nullable = false)
    public long escrowId;

    /** External reference of the payee, 2..120 chars. */
    @Column(name = "payee_ref", nullable = false)
    public String payeeRef;

    @Column(nullable = false)
    public String label;

    @Column(name = "daily_limit", precision = 18, scale = 2)
    public BigDecimal dailyLimit;

    @Column(name = "total_limit", precision = 18, scale = 2)
    public BigDecimal totalLimit;

    @Column(name = "spent_today", nullable = false, precision = 18, scale = 2)
    public BigDecimal spentToday;

    @Column(name = "spent_total", nullable = false, precision = 18, scale = 2)
    public BigDecimal spentTotal;

    /** UTC calendar date of the last daily reset. */
    @Column(name = "last_reset_at")
    public LocalDate lastResetAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
