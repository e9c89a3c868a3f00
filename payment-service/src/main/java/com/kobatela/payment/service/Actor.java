package com.kobatela.payment.service;

import com.kobatela.kernel.security.Caller;
import com.kobatela.payment.domain.Payment;

/**
 * Who an audit row and an event name as the cause (spec {@code rules.md#audit}, actor format): an API key
 * ({@code apikey:<prefix>} with its id), the actor carried by the requesting event, {@code psp}, a settlement source,
 * or {@code system:<job>}.
 *
 * @param name      actor string
 * @param apiKeyId  the key id for the audit's {@code api_key_id} column, or null
 * @param requestId correlation id, or null
 */
public record Actor(String name, Long apiKeyId, String requestId) {

    /** The PSP (failures reported by webhook or refusals of a payout). */
    public static final String PSP = "psp";

    /** The caller of an HTTP request. */
    public static Actor of(Caller caller) {
        return new Actor(caller.actor(), caller.auditApiKeyId(), caller.requestId());
    }

    /** The actor that requested a payment (kept on the row), with the request's correlation id. */
    public static Actor requesterOf(Payment p) {
        return new Actor(p.requestedBy, null, p.correlationId);
    }

    /** A named actor without key ({@code psp}, {@code psp_webhook}, {@code system:<job>}). */
    public static Actor named(String name, String requestId) {
        return new Actor(name, null, requestId);
    }
}
