package com.kobatela.payment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.security.Scope;

import io.smallrye.mutiny.Uni;

/**
 * Stripe Connect onboarding links (spec {@code api.md#2.3}, [BEYOND SEED SCOPE]): Connect is not part of this platform
 * yet, so {@code POST /users/{id}/psp/stripe/account-link} (admin) answers 503 {@code STRIPE_CONNECT_DISABLED}. Users
 * live in the gateway; with Connect disabled there is nothing to check first.
 */
@Path("/users/{userId}/psp/stripe/account-link")
@Produces(MediaType.APPLICATION_JSON)
public class StripeAccountLinkResource {

    /** 503 {@code STRIPE_CONNECT_DISABLED}. */
    @POST
    @RolesAllowed(Scope.ADMIN_ROLE)
    @Operation(summary = "Stripe Connect onboarding link [beyond seed scope]", description = "Stripe Connect is disabled: 503.")
    @APIResponse(responseCode = "503", description = "STRIPE_CONNECT_DISABLED")
    public Uni<Void> accountLink(@PathParam("userId") long userId) {
        return Uni.createFrom().failure(new ApiException(503, "STRIPE_CONNECT_DISABLED", "Stripe Connect not enabled."));
    }
}
