package com.kobatela.proof.client;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.smallrye.mutiny.Uni;

/**
 * One AI advisor call as seen by the circuit breaker: 2 attempts (spec {@code rules.md#ai}), each bounded by
 * {@code AI_PROOF_TIMEOUT_SECONDS} (default 12 s; configuration key
 * {@code com.kobatela.proof.client.AiAttempts/call/Timeout/value}, seconds). Kept apart from {@link AiGuard} so
 * that the breaker counts calls, not attempts.
 */
@ApplicationScoped
public class AiAttempts {

    /** Runs {@code call} (re-subscribed for the second attempt). */
    @Retry(maxRetries = 1, delay = 200, delayUnit = ChronoUnit.MILLIS, jitter = 0)
    @Timeout(value = 12, unit = ChronoUnit.SECONDS)
    public Uni<Map<String, Object>> call(Supplier<Uni<Map<String, Object>>> call) {
        return Uni.createFrom().deferred(call::get);
    }
}
