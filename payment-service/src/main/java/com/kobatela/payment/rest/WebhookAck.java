package com.kobatela.payment.rest;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The 200 answer of {@code POST /psp/webhook} (spec {@code api.md#7.2}): {@code {"ok": "true", "event_id", "processed_at"}}
 * ({@code ok} is the string {@code "true"}, as in the original).
 *
 * @param ok          always {@code "true"}
 * @param eventId     the event id
 * @param processedAt when processing finished (ISO-8601 UTC)
 */
@RegisterForReflection
public record WebhookAck(String ok, String eventId, OffsetDateTime processedAt) {
}
