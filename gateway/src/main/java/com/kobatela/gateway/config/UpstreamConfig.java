package com.kobatela.gateway.config;

import java.time.Duration;
import java.util.Optional;

import com.kobatela.gateway.domain.Upstream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Upstream services of the gateway ({@code kobatela.upstream.*}; env {@code KOBATELA_UPSTREAM_<NAME>_URL}).
 * Default ports: escrow 8081, spend 8082, proof 8083, payment 8084.
 */
@ConfigMapping(prefix = "kobatela.upstream")
public interface UpstreamConfig {

    /** escrow-service. */
    Service escrow();

    /** spend-service. */
    Service spend();

    /** proof-service. */
    Service proof();

    /** payment-service. */
    Service payment();

    /** Default whole-call timeout of a forwarded request (connect, send, answer); 503 when exceeded. */
    @WithDefault("10s")
    Duration timeout();

    /** TCP connect timeout towards an upstream. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Timeout of one readiness probe made by {@code GET /health}. */
    @WithDefault("2s")
    Duration healthTimeout();

    /** Circuit breaker of each upstream (one per upstream service). */
    CircuitBreaker circuitBreaker();

    /**
     * When the last {@code requestVolumeThreshold} calls of an upstream include at least {@code failureRatio} of
     * unavailable answers (refused, failed, timed out), calls fail fast with 503 for {@code delay}, then
     * {@code successThreshold} trial calls close it again.
     */
    interface CircuitBreaker {
        /** Rolling window size, in calls. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** Failure ratio (0..1) that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open. */
        @WithDefault("5s")
        Duration delay();

        /** Successful trial calls that close it. */
        @WithDefault("2")
        int successThreshold();
    }

    /** One upstream service. */
    interface Service {
        /** Base URL, e.g. {@code http://127.0.0.1:8081} (no trailing slash needed). */
        String url();

        /** Overrides the default timeout for this upstream. */
        Optional<Duration> timeout();
    }

    /** The settings of {@code upstream} (not {@link Upstream#LOCAL}). */
    default Service of(Upstream upstream) {
        return switch (upstream) {
            case ESCROW -> escrow();
            case SPEND -> spend();
            case PROOF -> proof();
            case PAYMENT -> payment();
            case LOCAL -> throw new IllegalArgumentException("the gateway is not an upstream");
        };
    }

    /** The effective timeout of {@code upstream}. */
    default Duration timeoutOf(Upstream upstream) {
        return of(upstream).timeout().orElse(timeout());
    }
}
