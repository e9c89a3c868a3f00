package com.kobatela.gateway.rest;

import java.time.OffsetDateTime;

import com.kobatela.gateway.domain.ApiKey;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** ApiKeyRead of spec {@code api.md#0.5}: never the key or its hash. */
@RegisterForReflection
public record ApiKeyRead(long id, String name, String scope, Long userId, boolean isActive, OffsetDateTime createdAt,
        OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, String prefix) {

    /** The representation of a stored key. */
    public static ApiKeyRead of(ApiKey k) {
        return new ApiKeyRead(k.id, k.name, k.scope, k.userId, k.isActive, k.createdAt, k.expiresAt, k.lastUsedAt, k.prefix);
    }
}
