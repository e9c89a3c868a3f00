package com.kobatela.spend.rest;

import java.time.OffsetDateTime;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** AlertRead (spec {@code api.md#0.5}); {@code payload_json} as a JSON object, {@code created_at} UTC. */
@RegisterForReflection
public record AlertRead(long id, String type, String message, Long actorUserId, Map<String, Object> payloadJson,
        OffsetDateTime createdAt) {
}
