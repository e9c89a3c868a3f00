package com.kobatela.proof.client;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * The AI advisor's circuit breaker (spec {@code rules.md#ai}): opens after 5 consecutive failed calls (each call
 * being {@link AiAttempts}' two attempts), then short-circuits with {@code CircuitBreakerOpenException}; after
 * {@code AI_CIRCUIT_COOLDOWN_SECONDS} (default 60; key {@code com.kobatela.proof.client.AiGuard/call/CircuitBreaker/delay},
 * seconds) one trial call is let through (half-open): a success closes it, a failure opens it again (FIX: the
 * original never closed it). State per instance, named {@value #NAME}.
 */
@ApplicationScoped
public class AiGuard {

    /** Circuit breaker name (for {@code CircuitBreakerMaintenance}). */
    public static final String NAME = "ai-proof-advisor";

    @Inject
    AiAttempts attempts;

    /** Runs one guarded call. */
    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, successThreshold = 1, delay = 60, delayUnit = ChronoUnit.SECONDS)
    @CircuitBreakerName(NAME)
    public Uni<Map<String, Object>> call(Supplier<Uni<Map<String, Object>>> call) {
        return attempts.call(call);
    }
}
