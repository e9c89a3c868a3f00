package com.kobatela.payment.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.payment.domain.Payment;

/**
 * Operator alerts raised by payment-service (spec {@code rules.md#psp-webhook} 9, FIX: a failure reported after
 * settlement): an audit row with the alert as action (entity {@code Payment}), a WARN log line and the metric
 * {@code kobatela_payment_alerts_total{type}}. Alerts live in spend-service's table for transfers; payment-service's
 * alerts are these audit rows.
 */
@ApplicationScoped
public class PaymentAlerts {

    /** {@code payment.failed} for a SETTLED payment: it stays SETTLED. */
    public static final String FAILED_AFTER_SETTLEMENT = "PAYMENT_FAILED_AFTER_SETTLEMENT";
    /** {@code payment.settled} for a payment in ERROR: it stays ERROR (ERROR → SETTLED is not a transition). */
    public static final String SETTLED_AFTER_FAILURE = "PAYMENT_SETTLED_AFTER_FAILURE";

    private static final Logger LOG = Logger.getLogger(PaymentAlerts.class);

    @Inject
    AuditWriter audit;

    @Inject
    PaymentMetrics metrics;

    /** Raises an alert about a payment, in the current transaction. */
    public io.smallrye.mutiny.Uni<Void> raise(String type, Payment p, Actor actor, Map<String, Object> extra, AfterCommit after) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("escrow_id", p.escrowId);
        data.put("amount", Amounts.format(p.amount));
        data.put("status", p.status.name());
        data.put("psp_ref", p.pspRef);
        data.putAll(extra);
        after.add(() -> {
            metrics.alert(type);
            LOG.warnf("ALERT %s: payment %d (escrow %d, status %s)", type, p.id, p.escrowId, p.status);
        });
        return audit.record(actor.name(), type, PaymentTransitions.ENTITY, p.id, data, actor.apiKeyId(), actor.requestId());
    }
}
