package com.kobatela.kernel.audit;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One audit row as served by {@code GET /audit-logs} (spec {@code api.md#9}, {@code domain.md#7.1}): data already
 * sanitised when written ({@code rules.md#masking}), time in UTC.
 *
 * @param id        row id (unique within its service)
 * @param service   the service holding the row ({@code gateway}, {@code escrow-service}, ...)
 * @param actor     {@code apikey:<prefix>}, {@code system:<job>}, {@code psp}, ...
 * @param action    catalogue action
 * @param entity    entity name
 * @param entityId  entity id, 0 when none
 * @param dataJson  sanitised JSON object
 * @param at        when, UTC
 * @param apiKeyId  key that caused it, or null
 * @param requestId correlation id, or null
 */
@RegisterForReflection
public record AuditLogRead(long id, String service, String actor, String action, String entity, long entityId,
        JsonNode dataJson, OffsetDateTime at, Long apiKeyId, String requestId) {
}
