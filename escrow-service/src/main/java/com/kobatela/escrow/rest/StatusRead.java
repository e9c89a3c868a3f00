package com.kobatela.escrow.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A one-word answer ({@code {"status": "added"}}, {@code "exists"}, {@code "attached"}).
 *
 * @param status the outcome
 */
@RegisterForReflection
public record StatusRead(String status) {
}
