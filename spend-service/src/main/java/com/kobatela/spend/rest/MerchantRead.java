package com.kobatela.spend.rest;

import java.time.OffsetDateTime;

import com.kobatela.spend.domain.Merchant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** MerchantRead (spec {@code api.md#0.5}); times ISO-8601 UTC. */
@RegisterForReflection
public record MerchantRead(long id, String name, Long categoryId, boolean isCertified, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** Maps an entity. */
    public static MerchantRead of(Merchant m) {
        return new MerchantRead(m.id, m.name, m.categoryId, m.isCertified, m.createdAt, m.updatedAt);
    }
}
