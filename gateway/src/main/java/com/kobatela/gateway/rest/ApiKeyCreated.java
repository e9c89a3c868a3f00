package com.kobatela.gateway.rest;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Answer of {@code POST /apikeys} (spec {@code api.md#2.4}); {@code key} is the raw key, shown this one time only.
 */
@RegisterForReflection
public record ApiKeyCreated(long id, String name, String scope, String key, OffsetDateTime expiresAt) {

    /** Never prints the raw key. */
    @Override
    public String toString() {
        return "ApiKeyCreated[id=" + id + ", name=" + name + ", scope=" + scope + "]";
    }
}
