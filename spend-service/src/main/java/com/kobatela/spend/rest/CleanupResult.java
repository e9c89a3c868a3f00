package com.kobatela.spend.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Answer of {@code POST /mandates/cleanup} (spec {@code api.md#4.2}).
 *
 * @param expired number of mandates expired by this call
 */
@RegisterForReflection
public record CleanupResult(int expired) {
}
