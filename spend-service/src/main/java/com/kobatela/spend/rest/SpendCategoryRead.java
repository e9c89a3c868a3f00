package com.kobatela.spend.rest;

import java.time.OffsetDateTime;

import com.kobatela.spend.domain.SpendCategory;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** SpendCategoryRead (spec {@code api.md#0.5}); times ISO-8601 UTC. */
@RegisterForReflection
public record SpendCategoryRead(long id, String code, String label, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** Maps an entity. */
    public static SpendCategoryRead of(SpendCategory c) {
        return new SpendCategoryRead(c.id, c.code, c.label, c.createdAt, c.updatedAt);
    }
}
