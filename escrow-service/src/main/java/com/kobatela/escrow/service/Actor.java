package com.kobatela.escrow.service;

import com.kobatela.kernel.event.InboundEvent;
import com.kobatela.kernel.security.Caller;

/**
 * Who caused a change, as written in audits and outbox events (spec {@code rules.md#audit}): the API key of a request,
 * the original actor carried by a consumed event, or a system job.
 *
 * @param name      actor string ({@code apikey:<prefix>}, {@code legacy-apikey}, {@code system:deadline}, {@code psp}...)
 * @param apiKeyId  audit {@code api_key_id}, or null when no key is involved
 * @param requestId correlation id (request id of the originating call), or null
 */
public record Actor(String name, Long apiKeyId, String requestId) {

    /** The actor of finalisation (spec {@code rules.md#finalization}). */
    public static final String SYSTEM = "system";

    /** The caller of a request. */
    public static Actor of(Caller caller) {
        return new Actor(caller.actor(), caller.auditApiKeyId(), caller.requestId());
    }

    /** The original actor of a consumed event ({@code system} when the producer named none), with its correlation id. */
    public static Actor of(InboundEvent event) {
        return new Actor(event.actor() == null || event.actor().isBlank() ? SYSTEM : event.actor(), null, event.correlation());
    }

    /** A system actor ({@code system}, {@code system:<job>}). */
    public static Actor system(String name, String requestId) {
        return new Actor(name, null, requestId);
    }
}
