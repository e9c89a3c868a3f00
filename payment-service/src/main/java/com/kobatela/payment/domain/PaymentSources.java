package com.kobatela.payment.domain;

/**
 * Source names of payouts and settlements (spec {@code domain.md#5.1}, {@code rules.md#settlement}; CONTRACTS
 * {@code PaymentUpdate.source}).
 */
public final class PaymentSources {

    /** A milestone payout requested by escrow-service. */
    public static final String MILESTONE = "milestone";
    /** A usage-spend payout requested by spend-service; also its settlement source (settled at once). */
    public static final String USAGE_SPEND = "usage-spend";
    /** Settlement confirmed by a PSP webhook. */
    public static final String PSP_WEBHOOK = "psp_webhook";
    /** Settlement by {@code POST /payments/execute/{id}}. */
    public static final String MANUAL_EXECUTE = "manual-execute";

    private PaymentSources() {
    }
}
