package com.kobatela.psp.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the sandbox sends webhooks: signing secret, receiver URL, which outcome follows an accepted payout, after
 * which delay, and how delivery is retried on a non-2xx answer or a network error.
 *
 * @param secret       HMAC-SHA256 key (UTF-8); null or blank: no webhook is sent
 * @param targetUrl    full receiver URL (the gateway's {@code /psp/webhook}); null or blank: no webhook is sent
 * @param outcome      what the sandbox reports for each accepted payout
 * @param delay        time between acceptance and the first delivery attempt
 * @param maxAttempts  delivery attempts per event (at least 1)
 * @param retryBackoff first pause between attempts; doubled after each failure, at most 60 s
 */
public record WebhookSettings(String secret, String targetUrl, Outcome outcome, Duration delay, int maxAttempts,
        Duration retryBackoff) {

    /** What follows an accepted payout. */
    public enum Outcome {
        /** a {@code payment.settled} webhook */
        SETTLED,
        /** a {@code payment.failed} webhook */
        FAILED,
        /** nothing: settle or fail it by hand ({@code POST /sandbox/payouts/{ref}/settle|fail}) */
        NONE;

        /** Parses {@code settled}, {@code failed} or {@code none} (any case). */
        public static Outcome parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }

        /** The lower-case name used on the wire. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks the values. */
    public WebhookSettings {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (delay.isNegative() || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** True when webhooks can be sent (a secret and a target are set). */
    public boolean enabled() {
        return secret != null && !secret.isBlank() && targetUrl != null && !targetUrl.isBlank();
    }

    /** A copy with another secret. */
    public WebhookSettings withSecret(String value) {
        return new WebhookSettings(value, targetUrl, outcome, delay, maxAttempts, retryBackoff);
    }

    /** A copy with another target URL. */
    public WebhookSettings withTargetUrl(String value) {
        return new WebhookSettings(secret, value, outcome, delay, maxAttempts, retryBackoff);
    }

    /** A copy with another outcome. */
    public WebhookSettings withOutcome(Outcome value) {
        return new WebhookSettings(secret, targetUrl, value, delay, maxAttempts, retryBackoff);
    }

    /** A copy with another delay. */
    public WebhookSettings withDelay(Duration value) {
        return new WebhookSettings(secret, targetUrl, outcome, value, maxAttempts, retryBackoff);
    }

    /** A copy with other retry settings. */
    public WebhookSettings withRetries(int attempts, Duration backoff) {
        return new WebhookSettings(secret, targetUrl, outcome, delay, attempts, backoff);
    }
}
