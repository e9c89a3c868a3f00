package com.kobatela.payment.service;

import java.util.Set;

/** Webhook kinds payment-service acts on (spec {@code rules.md#psp-webhook} 9, 12); any other kind is stored only. */
public final class WebhookKinds {

    /** Settlement: the payment becomes SETTLED. */
    public static final Set<String> SETTLED = Set.of("payment.settled", "payment_succeeded");
    /** Failure: the payment goes to ERROR (a SETTLED one stays SETTLED, with an alert). */
    public static final Set<String> FAILED = Set.of("payment.failed", "payment_failed");
    /** Both. */
    public static final Set<String> OUTCOMES = Set.of("payment.settled", "payment_succeeded", "payment.failed", "payment_failed");
    /** The signed test event for monitoring (stored, no effect). */
    public static final String TEST_PING = "test.ping";

    private WebhookKinds() {
    }

    /** The metric tag of a kind: itself when known, else {@code other} (bounded cardinality). */
    public static String metricTag(String kind) {
        return OUTCOMES.contains(kind) || TEST_PING.equals(kind) ? kind : "other";
    }
}
