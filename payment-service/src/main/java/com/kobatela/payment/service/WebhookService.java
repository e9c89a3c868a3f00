package com.kobatela.payment.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.payment.config.WebhookSecrets;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /psp/webhook} (spec {@code rules.md#psp-webhook}, {@code api.md#7.2}): verification
 * ({@link WebhookVerifier}, steps 1–4), body ({@link WebhookEnvelope}, steps 5–6), then storage and processing
 * ({@link WebhookProcessor}, steps 7–10). Every refusal is counted by reason ({@code kobatela_psp_webhook_rejections_total})
 * and logged without the body or any secret.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    @Inject
    WebhookSecrets secrets;

    @Inject
    WebhookProcessor processor;

    @Inject
    PaymentMetrics metrics;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kobatela.psp.webhook.max-drift-seconds", defaultValue = "300")
    long maxDriftSeconds;

    /**
     * Receives one webhook.
     *
     * @param signature   {@code X-PSP-Signature} or null
     * @param timestamp   {@code X-PSP-Timestamp} as received, or null
     * @param eventId     {@code X-PSP-Event-Id} or null
     * @param pspRef      {@code X-PSP-Ref} or null
     * @param body        the raw body bytes
     * @return the processing result (200 answer)
     * @throws ApiException the codes of {@code api.md#7.2}
     */
    public Uni<WebhookProcessor.Processed> receive(String signature, String timestamp, String eventId, String pspRef, byte[] body) {
        return Uni.createFrom().deferred(() -> {
            String signedWith = WebhookVerifier.verify(secrets.current(), signature, timestamp, body, Instant.now(), maxDriftSeconds);
            WebhookEnvelope envelope = WebhookEnvelope.parse(mapper, body, eventId, pspRef);
            return processor.process(envelope, signedWith).invoke(p -> {
                metrics.webhookAccepted(WebhookKinds.metricTag(envelope.kind()));
                LOG.infof("PSP webhook %s (%s, provider %s, signed with %s secret): %s", p.eventId(), envelope.kind(), envelope.provider(),
                        signedWith, p.outcome());
            });
        }).onFailure(ApiException.class).invoke(e -> {
            ApiException a = (ApiException) e;
            metrics.webhookRejected(a.code());
            LOG.infof("PSP webhook refused: %d %s", a.status(), a.code());
        });
    }
}
