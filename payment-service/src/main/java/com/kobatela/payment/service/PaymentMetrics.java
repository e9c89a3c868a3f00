package com.kobatela.payment.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * payment-service metrics (ARCHITECTURE §7), exposed at {@code /q/metrics}:
 * <ul>
 * <li>{@code kobatela_payouts_total{status, reason}}: payouts by status reached ({@code pending}, {@code sent},
 * {@code settled}, {@code error}) and payout requests {@code rejected}, with the reason code (else {@code none});</li>
 * <li>{@code kobatela_psp_webhook_rejections_total{reason}}: webhook calls refused, by error code;</li>
 * <li>{@code kobatela_psp_webhook_events_total{kind}}: webhooks accepted, by kind (known kinds, else {@code other});</li>
 * <li>{@code kobatela_payment_alerts_total{type}}: operator alerts ({@code PAYMENT_FAILED_AFTER_SETTLEMENT}, ...);</li>
 * <li>{@code kobatela_payments_pending} and {@code kobatela_payments_pending_overdue}: PENDING payments, and those
 * whose PSP attempt is overdue (refreshed by the recovery job).</li>
 * </ul>
 * Counters are incremented after the change committed.
 */
@ApplicationScoped
public class PaymentMetrics {

    @Inject
    MeterRegistry registry;

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();

    @jakarta.annotation.PostConstruct
    void gauges() {
        registry.gauge("kobatela.payments.pending", pending);
        registry.gauge("kobatela.payments.pending.overdue", overdue);
    }

    /** A payment reached {@code status} (lower-case), or a request was {@code rejected} with {@code reason}. */
    public void payout(String status, String reason) {
        Counter.builder("kobatela.payouts").description("Payouts by status reached (and rejected requests by reason)")
                .tag("status", status).tag("reason", reason == null ? "none" : reason).register(registry).increment();
    }

    /** A webhook call was refused with {@code code}. */
    public void webhookRejected(String code) {
        Counter.builder("kobatela.psp.webhook.rejections").description("PSP webhook calls refused, by reason")
                .tag("reason", code).register(registry).increment();
    }

    /** A webhook was accepted. */
    public void webhookAccepted(String kind) {
        Counter.builder("kobatela.psp.webhook.events").description("PSP webhooks accepted, by kind")
                .tag("kind", kind).register(registry).increment();
    }

    /** An operator alert was raised. */
    public void alert(String type) {
        Counter.builder("kobatela.payment.alerts").description("Payment alerts for operators").tag("type", type)
                .register(registry).increment();
    }

    /** Updates the PENDING gauges. */
    public void pending(long all, long overdueCount) {
        pending.set(all);
        overdue.set(overdueCount);
    }
}
