package com.kobatela.psp.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Start-up settings of the PSP sandbox. The webhook part can be changed at run time through
 * {@code POST /sandbox/webhooks} (see {@link WebhookSettings}); {@code POST /sandbox/reset} goes back to these values.
 *
 * @param webhook      initial webhook settings (secret, target URL, outcome, delay, retries)
 * @param hangDuration how long the {@code hang} mode holds a payout answer before giving up with 504
 */
public record SandboxSettings(WebhookSettings webhook, Duration hangDuration) {

    /** Checks the values. */
    public SandboxSettings {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(hangDuration, "hangDuration");
    }

    /**
     * Settings for a sandbox whose webhooks go to {@code targetUrl}, signed with {@code secret}: settlement webhook
     * one second after each accepted payout, up to 8 delivery attempts starting 1 s apart, hang mode 60 s.
     *
     * @param secret    the webhook HMAC secret shared with payment-service (null or blank: webhooks are not sent)
     * @param targetUrl full URL of the receiver, e.g. {@code http://127.0.0.1:8080/psp/webhook} (null: not sent)
     */
    public static SandboxSettings defaults(String secret, String targetUrl) {
        return new SandboxSettings(new WebhookSettings(secret, targetUrl, WebhookSettings.Outcome.SETTLED,
                Duration.ofSeconds(1), 8, Duration.ofSeconds(1)), Duration.ofSeconds(60));
    }
}
