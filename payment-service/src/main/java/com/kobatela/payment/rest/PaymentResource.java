package com.kobatela.payment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.kobatela.kernel.error.ErrorBody;
import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;
import com.kobatela.payment.service.ManualExecution;
import com.kobatela.payment.service.PaymentQueries;

import io.smallrye.mutiny.Uni;

/**
 * Payment endpoints (spec {@code api.md#7.1}, {@code #9}), reached only through the gateway with an internal JWT.
 * Ownership ({@code rules.md#ownership}): a sender key sees only its own escrows' payments, others answer 404
 * {@code PAYMENT_NOT_FOUND}.
 */
@Path("/payments")
@Tag(name = "payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    @Inject
    PaymentQueries queries;

    @Inject
    ManualExecution execution;

    @Inject
    Caller caller;

    /** Reads a payment. */
    @GET
    @Path("/{paymentId}")
    @RolesAllowed({Scope.SENDER_ROLE, Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Read a payment", description = "Scopes sender (own escrows only), support, admin.")
    @APIResponse(responseCode = "200", description = "PaymentRead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentRead.class)))
    @APIResponse(responseCode = "404", description = "PAYMENT_NOT_FOUND (unknown or foreign)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Uni<PaymentRead> get(@PathParam("paymentId") long paymentId) {
        return queries.get(caller, paymentId).map(PaymentRead::of);
    }

    /** Executes a payment by hand: a PENDING one is sent and settled at once; others are returned unchanged. */
    @POST
    @Path("/execute/{paymentId}")
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Execute a payment", description = "Scopes sender (own escrows only), admin. No body. SENT, SETTLED and "
            + "ERROR payments are returned unchanged; a PENDING one is sent to the PSP with its idempotency key and settled at once "
            + "(source manual-execute).")
    @APIResponse(responseCode = "200", description = "PaymentRead (SETTLED for a PENDING payment)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentRead.class)))
    @APIResponse(responseCode = "404", description = "PAYMENT_NOT_FOUND",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "INSUFFICIENT_ESCROW_BALANCE",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "502", description = "PSP_TRANSFER_FAILED: the PSP refused the payout, the payment is in ERROR",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "PSP_UNAVAILABLE: no usable PSP answer; the payment stays PENDING and is retried",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Uni<PaymentRead> execute(@PathParam("paymentId") long paymentId) {
        return execution.execute(caller, paymentId).map(PaymentRead::of);
    }
}
