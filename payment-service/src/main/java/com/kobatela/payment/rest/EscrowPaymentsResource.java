package com.kobatela.payment.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;
import com.kobatela.payment.service.PaymentQueries;

import io.smallrye.mutiny.Uni;

/** {@code GET /escrows/{id}/payments} (NEW, spec {@code api.md#9}): an escrow's payments, oldest first. */
@Path("/escrows/{escrowId}/payments")
@Tag(name = "payments")
@Produces(MediaType.APPLICATION_JSON)
public class EscrowPaymentsResource {

    @Inject
    PaymentQueries queries;

    @Inject
    Caller caller;

    /** The escrow's payments, oldest first ({@code []} when it has none). */
    @GET
    @RolesAllowed({Scope.SENDER_ROLE, Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "List an escrow's payments", description = "Scopes sender (own escrows only), support, admin. Oldest first.")
    @APIResponse(responseCode = "200", description = "array of PaymentRead")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND (unknown to payment-service, or foreign)")
    public Uni<List<PaymentRead>> list(@PathParam("escrowId") long escrowId) {
        return queries.forEscrow(caller, escrowId).map(l -> l.stream().map(PaymentRead::of).toList());
    }
}
