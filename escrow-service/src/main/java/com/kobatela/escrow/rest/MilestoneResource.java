package com.kobatela.escrow.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.escrow.service.MilestoneService;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;

import io.smallrye.mutiny.Uni;

/**
 * Milestone endpoints of escrow-service (spec {@code api.md#3.8}-{@code #3.10}). {@code GET /escrows/milestones/{id}}
 * has two path segments after {@code /escrows}, so {@code GET /escrows/{id}} never captures it.
 */
@Path("/escrows")
@Tag(name = "milestones")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MilestoneResource {

    @Inject
    MilestoneService milestones;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    /** Adds a milestone (WAITING) to an escrow. */
    @POST
    @Path("/{escrowId}/milestones")
    @ResponseStatus(201)
    @RolesAllowed(Scope.ADMIN_ROLE)
    @Operation(summary = "Create a milestone", description = "Scope admin. Amount as a string with two decimals; currency = the escrow's.")
    @APIResponse(responseCode = "201", description = "MilestoneRead, status WAITING")
    @APIResponse(responseCode = "400", description = "MILESTONE_CURRENCY_MISMATCH, MILESTONE_TOTAL_EXCEEDS_ESCROW, MILESTONE_SEQUENCE_EXISTS")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<MilestoneRead> create(@PathParam("escrowId") long escrowId, MilestoneCreateRequest body) {
        if (body == null) {
            throw ApiException.validation("body", "Request body required.");
        }
        var request = body.validate(node -> CanonicalJson.of(mapper, node, "proof_requirements"));
        return milestones.create(caller, escrowId, request).map(MilestoneRead::of);
    }

    /** The escrow's milestones by sequence index. */
    @GET
    @Path("/{escrowId}/milestones")
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "List an escrow's milestones", description = "Scopes sender (own escrows only), admin.")
    @APIResponse(responseCode = "200", description = "array of MilestoneRead ordered by sequence_index")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND")
    public Uni<List<MilestoneRead>> list(@PathParam("escrowId") long escrowId) {
        return milestones.list(caller, escrowId).map(list -> list.stream().map(MilestoneRead::of).toList());
    }

    /** One milestone. */
    @GET
    @Path("/milestones/{milestoneId}")
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Read a milestone", description = "Scopes sender (milestones of own escrows only), admin.")
    @APIResponse(responseCode = "200", description = "MilestoneRead")
    @APIResponse(responseCode = "404", description = "MILESTONE_NOT_FOUND")
    public Uni<MilestoneRead> get(@PathParam("milestoneId") long milestoneId) {
        return milestones.get(caller, milestoneId).map(MilestoneRead::of);
    }
}
