package com.kobatela.payment.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The PSP sandbox's payout API ({@code deploy/psp-sandbox}), as a Quarkus REST client (config key {@code psp-sandbox}:
 * {@code quarkus.rest-client.psp-sandbox.url}). Error answers become {@link PspRejectedException} (definitive 4xx) or
 * {@link PspUnavailableException} (5xx, 408, 425, 429).
 */
@RegisterRestClient(configKey = "psp-sandbox")
@Path("/payouts")
public interface SandboxPayoutApi {

    /**
     * Payout body.
     *
     * @param idempotencyKey our key (also sent as the {@code Idempotency-Key} header)
     * @param amount         amount as a string with two decimals
     * @param currency       ISO 4217
     * @param beneficiary    beneficiary reference
     * @param metadata       our ids, for the PSP's records
     */
    @RegisterForReflection
    record Body(String idempotencyKey, String amount, String currency, String beneficiary, Metadata metadata) {
    }

    /**
     * Our ids attached to a payout.
     *
     * @param paymentId   payment id
     * @param escrowId    escrow id
     * @param milestoneId milestone id or null
     */
    @RegisterForReflection
    record Metadata(long paymentId, long escrowId, Long milestoneId) {
    }

    /**
     * Accepted payout (other fields of the answer are ignored).
     *
     * @param pspRef the PSP reference
     * @param status the PSP's status word
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Accepted(String pspRef, String status) {
    }

    /** Creates a payout, idempotently per key. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<Accepted>> create(@HeaderParam("Idempotency-Key") String idempotencyKey, Body body);

    /** Maps error answers to the port's exceptions; the PSP's payload is never echoed, only its error code. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        String code = errorCode(response);
        if (status >= 400 && status < 500 && status != 408 && status != 425 && status != 429) {
            return new PspRejectedException(status, code);
        }
        return new PspUnavailableException("PSP answered " + status + " " + code);
    }

    private static String errorCode(Response response) {
        try {
            String body = response.readEntity(String.class);
            Matcher m = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z0-9_]{1,64})\"").matcher(body == null ? "" : body);
            return m.find() ? m.group(1) : "HTTP_" + response.getStatus();
        } catch (RuntimeException e) {
            return "HTTP_" + response.getStatus();
        }
    }
}
