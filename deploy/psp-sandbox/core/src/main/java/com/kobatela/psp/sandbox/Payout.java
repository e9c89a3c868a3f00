package com.kobatela.psp.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.json.JsonObject;

/**
 * A payout the sandbox accepted: one per idempotency key. Its status moves from {@code accepted} to
 * {@code settled} or {@code failed} when the sandbox reports the outcome by webhook.
 */
public final class Payout {

    /** Status right after acceptance. */
    public static final String ACCEPTED = "accepted";
    /** Status once a {@code payment.settled} webhook was emitted. */
    public static final String SETTLED = "settled";
    /** Status once a {@code payment.failed} webhook was emitted. */
    public static final String FAILED = "failed";

    private final String pspRef;
    private final String idempotencyKey;
    private final BigDecimal amount;
    private final String currency;
    private final String beneficiary;
    private final Instant createdAt;
    private final AtomicReference<String> status = new AtomicReference<>(ACCEPTED);

    /**
     * @param pspRef         the PSP reference ({@code PSP-<uuid>})
     * @param idempotencyKey the caller's idempotency key
     * @param amount         amount, scale 2
     * @param currency       ISO 4217 code
     * @param beneficiary    opaque beneficiary reference
     * @param createdAt      acceptance time
     */
    public Payout(String pspRef, String idempotencyKey, BigDecimal amount, String currency, String beneficiary, Instant createdAt) {
        this.pspRef = pspRef;
        this.idempotencyKey = idempotencyKey;
        this.amount = amount;
        this.currency = currency;
        this.beneficiary = beneficiary;
        this.createdAt = createdAt;
    }

    public String pspRef() {
        return pspRef;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public BigDecimal amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public String beneficiary() {
        return beneficiary;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** {@link #ACCEPTED}, {@link #SETTLED} or {@link #FAILED}. */
    public String status() {
        return status.get();
    }

    /** Sets the reported outcome ({@link #SETTLED} or {@link #FAILED}). */
    void outcome(String value) {
        status.set(value);
    }

    /** True when the other request describes the same payout (same amount, currency and beneficiary). */
    boolean sameAs(BigDecimal otherAmount, String otherCurrency, String otherBeneficiary) {
        return amount.compareTo(otherAmount) == 0 && currency.equals(otherCurrency) && beneficiary.equals(otherBeneficiary);
    }

    /** The JSON view: amounts as strings with two decimals, times ISO-8601 UTC. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("psp_ref", pspRef)
                .put("idempotency_key", idempotencyKey)
                .put("amount", amount.toPlainString())
                .put("currency", currency)
                .put("beneficiary", beneficiary)
                .put("status", status())
                .put("created_at", createdAt.toString());
    }
}
