package com.kobatela.spend.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code {"status": ...}} answers ({@code added}/{@code exists}, {@code created}/{@code updated}); spec
 * {@code api.md#4.5}, {@code #5.1}, {@code #5.2}.
 *
 * @param status the outcome
 */
@RegisterForReflection
public record StatusResult(String status) {
}
