package com.kobatela.spend.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;
import com.kobatela.spend.service.MandateService;

import io.smallrye.mutiny.Uni;

/** Usage mandate endpoints (spec {@code api.md#4.1}, {@code #4.2}, {@code #9}); reached only through the gateway. */
@Path("/mandates")
public class MandateResource {

    @Inject
    MandateService mandates;

    @Inject
    Caller caller;

    /** Creates an ACTIVE mandate owned by the caller's principal (spec {@code rules.md#mandates}). */
    @POST
    @ResponseStatus(201)
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Create a usage mandate (scopes: sender, admin)")
    @APIResponse(responseCode = "201", description = "UsageMandateRead, status ACTIVE")
    @APIResponse(responseCode = "400", description = "MANDATE_EXPIRES_IN_PAST")
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND, MERCHANT_NOT_FOUND, CATEGORY_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "ACTIVE_MANDATE_EXISTS")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<UsageMandateRead> create(@Valid @NotNull MandateCreateRequest body) {
        return mandates.create(caller, body);
    }

    /** Expires every ACTIVE mandate whose expiry has passed (all owners, spec {@code rules.md#mandates}). */
    @POST
    @Path("/cleanup")
    @ResponseStatus(202)
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Expire due mandates (scopes: sender, admin)")
    @APIResponse(responseCode = "202", description = "{\"expired\": <count>}")
    public Uni<CleanupResult> cleanup() {
        return mandates.cleanup(caller).map(CleanupResult::new);
    }

    /** Reads a mandate with its {@code total_spent}; senders see only their own. */
    @GET
    @Path("/{mandateId}")
    @RolesAllowed({Scope.SENDER_ROLE, Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Read a usage mandate (scopes: sender (own), support, admin)")
    @APIResponse(responseCode = "200", description = "UsageMandateRead")
    @APIResponse(responseCode = "404", description = "MANDATE_NOT_FOUND")
    public Uni<UsageMandateRead> get(@PathParam("mandateId") long mandateId) {
        return mandates.get(caller, mandateId);
    }
}
