package com.kobatela.payment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;
import com.kobatela.payment.service.BalanceLedger;

import io.smallrye.mutiny.Uni;

/**
 * Stripe funding sessions (spec {@code api.md#3.11}, [BEYOND SEED SCOPE]). Stripe is not part of this platform yet
 * ({@code STRIPE_ENABLED} off): the endpoint exists so partners get the spec's answers: 404 {@code ESCROW_NOT_FOUND}
 * for an unknown or foreign escrow, else 503 {@code STRIPE_FUNDING_DISABLED}. Its own class: JAX-RS picks a resource by
 * its class path first, and {@code /escrows/{id}/funding-session} must not fall into another {@code /escrows} class.
 */
@Path("/escrows/{escrowId}/funding-session")
@Produces(MediaType.APPLICATION_JSON)
public class StripeFundingResource {

    @Inject
    BalanceLedger ledger;

    @Inject
    Caller caller;

    /** {@code POST /escrows/{id}/funding-session}: 404 {@code ESCROW_NOT_FOUND}, else 503 {@code STRIPE_FUNDING_DISABLED}. */
    @POST
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Stripe funding session [beyond seed scope]", description = "Stripe is disabled: 503 after the escrow check.")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND")
    @APIResponse(responseCode = "503", description = "STRIPE_FUNDING_DISABLED")
    public Uni<Void> fundingSession(@PathParam("escrowId") long escrowId) {
        return ledger.balance(caller, escrowId).chain(b -> Uni.createFrom()
                .failure(new ApiException(503, "STRIPE_FUNDING_DISABLED", "Stripe funding not enabled.")));
    }
}
