package com.kobatela.psp.sandbox.app;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.kobatela.psp.sandbox.PspSandbox;
import com.kobatela.psp.sandbox.SandboxSettings;
import com.kobatela.psp.sandbox.WebhookSettings;
import com.kobatela.psp.sandbox.WebhookSigner;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Mounts the PSP simulator ({@link PspSandbox}, module {@code psp-sandbox-core}) on Quarkus's HTTP router, configured
 * from {@code psp-sandbox.*} (env {@code PSP_WEBHOOK_SECRET}, {@code KOBATELA_GATEWAY_URL}). Health checks come from
 * {@code quarkus-smallrye-health} ({@code /q/health/ready}).
 */
@ApplicationScoped
public class SandboxApp {

    private static final Logger LOG = Logger.getLogger(SandboxApp.class);

    @ConfigProperty(name = "psp-sandbox.webhook.secret")
    Optional<String> secret;

    @ConfigProperty(name = "psp-sandbox.webhook.target-url")
    Optional<String> targetUrl;

    @ConfigProperty(name = "psp-sandbox.webhook.outcome", defaultValue = "settled")
    String outcome;

    @ConfigProperty(name = "psp-sandbox.webhook.delay", defaultValue = "1s")
    Duration delay;

    @ConfigProperty(name = "psp-sandbox.webhook.max-attempts", defaultValue = "8")
    int maxAttempts;

    @ConfigProperty(name = "psp-sandbox.webhook.retry-backoff", defaultValue = "1s")
    Duration retryBackoff;

    @ConfigProperty(name = "psp-sandbox.hang-duration", defaultValue = "60s")
    Duration hangDuration;

    private PspSandbox sandbox;

    void mount(@Observes Router router, Vertx vertx) {
        WebhookSettings webhook = new WebhookSettings(secret.filter(s -> !s.isBlank()).orElse(null), targetUrl.orElse(null),
                WebhookSettings.Outcome.parse(outcome), delay, maxAttempts, retryBackoff);
        sandbox = PspSandbox.create(vertx, new SandboxSettings(webhook, hangDuration));
        sandbox.install(router);
        LOG.infof("PSP sandbox ready: webhooks %s to %s, outcome %s after %d ms", webhook.enabled()
                ? "signed with " + WebhookSigner.fingerprint(webhook.secret()) : "DISABLED (no secret)", webhook.targetUrl(),
                webhook.outcome().wire(), delay.toMillis());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
