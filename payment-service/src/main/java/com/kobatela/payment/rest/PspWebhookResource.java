package com.kobatela.payment.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.kobatela.payment.service.WebhookErrors;
import com.kobatela.payment.service.WebhookService;

import io.smallrye.mutiny.Uni;

/**
 * PSP webhooks (spec {@code api.md#7.2}, {@code #7.3}). No API key and no internal JWT: the gateway forwards the body
 * byte for byte with its headers, and authenticity is the HMAC signature verified here over the raw bytes (the body is
 * taken as {@code byte[]}, never parsed before verification).
 */
@Path("/psp")
@Tag(name = "psp-webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class PspWebhookResource {

    @Inject
    WebhookService webhooks;

    /** The generic PSP webhook. */
    @POST
    @Path("/webhook")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "PSP webhook", description = "Headers X-PSP-Signature (hex HMAC-SHA256 over timestamp + '.' + raw body), "
            + "X-PSP-Timestamp (Unix seconds or ISO-8601), optional X-PSP-Event-Id, X-PSP-Ref. Body: a JSON object.")
    @APIResponse(responseCode = "200", description = "{\"ok\": \"true\", \"event_id\", \"processed_at\"}")
    @APIResponse(responseCode = "400", description = "INVALID_PAYLOAD, MISSING_EVENT_ID")
    @APIResponse(responseCode = "401", description = "WEBHOOK_SIGNATURE_MISSING, WEBHOOK_TIMESTAMP_INVALID, WEBHOOK_TIMESTAMP_DRIFT, "
            + "WEBHOOK_SIGNATURE_INVALID, WEBHOOK_REPLAY (seen within 300 s)")
    @APIResponse(responseCode = "409", description = "WEBHOOK_REPLAY (already stored)")
    @APIResponse(responseCode = "503", description = "WEBHOOK_SECRET_NOT_CONFIGURED")
    public Uni<WebhookAck> webhook(byte[] body, @HeaderParam("X-PSP-Signature") String signature,
            @HeaderParam("X-PSP-Timestamp") String timestamp, @HeaderParam("X-PSP-Event-Id") String eventId,
            @HeaderParam("X-PSP-Ref") String pspRef) {
        return webhooks.receive(signature, timestamp, eventId, pspRef, body == null ? new byte[0] : body)
                .map(p -> new WebhookAck("true", p.eventId(), p.processedAt()));
    }

    /** Stripe webhook [BEYOND SEED SCOPE]: Stripe is disabled in this build. */
    @POST
    @Path("/stripe/webhook")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Stripe webhook [beyond seed scope]", description = "Stripe is disabled: always 503 STRIPE_DISABLED.")
    @APIResponse(responseCode = "503", description = "STRIPE_DISABLED")
    public Uni<WebhookAck> stripe(byte[] body) {
        return Uni.createFrom().failure(WebhookErrors.stripeDisabled());
    }
}
