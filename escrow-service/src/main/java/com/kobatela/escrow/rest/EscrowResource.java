package com.kobatela.escrow.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.escrow.service.EscrowLifecycle;
import com.kobatela.escrow.service.EscrowService;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.idempotency.IdempotencyKeys;
import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;

import io.smallrye.mutiny.Uni;

/**
 * Escrow endpoints of escrow-service (spec {@code api.md#3.1}, {@code #3.2}, {@code #3.7}, {@code #9}), reached only
 * through the gateway with an internal JWT (401 otherwise). Check order: 401, 403, 422 body, 400 Idempotency-Key,
 * 404 (unknown or foreign escrow), then business rules.
 */
@Path("/escrows")
@Tag(name = "escrows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EscrowResource {

    @Inject
    EscrowService escrows;

    @Inject
    EscrowLifecycle lifecycle;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    /** Creates an escrow in DRAFT; optional Idempotency-Key (a replay answers the same escrow with 201). */
    @POST
    @ResponseStatus(201)
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Create an escrow", description = "Scopes sender, admin. Money as strings with two decimals.")
    @APIResponse(responseCode = "201", description = "EscrowRead, status DRAFT")
    @APIResponse(responseCode = "403", description = "INSUFFICIENT_SCOPE, PUBLIC_DOMAIN_FORBIDDEN")
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_CONFLICT")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<EscrowRead> create(EscrowCreateRequest body,
            @Parameter(description = "optional, 1..64 chars") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        if (body == null) {
            throw ApiException.validation("body", "Request body required.");
        }
        var request = body.validate(node -> CanonicalJson.of(mapper, node, "release_conditions"));
        String key = IdempotencyKeys.optional(idempotencyKey);
        return escrows.create(caller, request, key).map(EscrowRead::of);
    }

    /** Reads an escrow (audited {@code ESCROW_READ}). */
    @GET
    @Path("/{escrowId}")
    @RolesAllowed({Scope.SENDER_ROLE, Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Read an escrow", description = "Scopes sender (own escrows only), support, admin.")
    @APIResponse(responseCode = "200", description = "EscrowRead")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND (unknown or foreign)")
    public Uni<EscrowRead> get(@PathParam("escrowId") long escrowId) {
        return escrows.get(caller, escrowId).map(EscrowRead::of);
    }

    /** Records a deposit; Idempotency-Key required (replay answers the escrow's current state with 200). */
    @POST
    @Path("/{escrowId}/deposit")
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Deposit on an escrow", description = "Scopes sender (own escrows only), admin. Header Idempotency-Key required.")
    @APIResponse(responseCode = "200", description = "EscrowRead after the deposit")
    @APIResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_REQUIRED")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_CONFLICT, ESCROW_NOT_ACTIVE")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<EscrowRead> deposit(@PathParam("escrowId") long escrowId, DepositRequest body,
            @Parameter(description = "required, 1..64 chars") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        if (body == null) {
            throw ApiException.validation("amount", "Field required.");
        }
        var amount = body.validAmount();
        String key = IdempotencyKeys.required(idempotencyKey, "/escrows/" + escrowId + "/deposit");
        return escrows.deposit(caller, escrowId, amount, key).map(EscrowRead::of);
    }

    /** The escrow's timeline, oldest first. */
    @GET
    @Path("/{escrowId}/events")
    @RolesAllowed({Scope.SENDER_ROLE, Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Escrow events", description = "Scopes sender (own escrows only), support, admin.")
    @APIResponse(responseCode = "200", description = "array of {id, kind, data_json, at}, oldest first")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND")
    public Uni<List<EscrowEventRead>> events(@PathParam("escrowId") long escrowId) {
        return escrows.events(caller, escrowId).map(list -> list.stream().map(EscrowEventRead::of).toList());
    }

    /** FUNDED → RELEASABLE (body required, may be {@code {}}); RELEASABLE answers unchanged. */
    @POST
    @Path("/{escrowId}/mark-delivered")
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Mark an escrow delivered", description = "Scopes sender (own escrows only), admin. Body {note?, proof_url?}.")
    @APIResponse(responseCode = "200", description = "EscrowRead, status RELEASABLE")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "ESCROW_INVALID_STATE (not FUNDED or RELEASABLE)")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<EscrowRead> markDelivered(@PathParam("escrowId") long escrowId, EscrowNoteRequest body) {
        if (body == null) {
            throw ApiException.validation("body", "Request body required (may be {}).");
        }
        return lifecycle.markDelivered(caller, escrowId, body.noteText(), body.proofUrlText()).map(EscrowRead::of);
    }

    /** FUNDED or RELEASABLE → RELEASED (body optional); RELEASED answers unchanged. */
    @POST
    @Path("/{escrowId}/client-approve")
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Client approves the escrow", description = "Scopes sender (own escrows only), admin. Optional body {note?, proof_url?}.")
    @APIResponse(responseCode = "200", description = "EscrowRead, status RELEASED")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "ESCROW_INVALID_STATE (not FUNDED, RELEASABLE or RELEASED)")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<EscrowRead> clientApprove(@PathParam("escrowId") long escrowId, EscrowNoteRequest body) {
        return lifecycle.clientApprove(caller, escrowId, EscrowNoteRequest.optionalNote(body)).map(EscrowRead::of);
    }

    /** DRAFT → CANCELLED, FUNDED or RELEASABLE → REFUNDED (body optional); terminal escrows answer unchanged. */
    @POST
    @Path("/{escrowId}/client-reject")
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Client rejects the escrow", description = "Scopes sender (own escrows only), admin. Optional body {note?, proof_url?}.")
    @APIResponse(responseCode = "200", description = "EscrowRead, status CANCELLED, REFUNDED or unchanged")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<EscrowRead> clientReject(@PathParam("escrowId") long escrowId, EscrowNoteRequest body) {
        return lifecycle.clientReject(caller, escrowId, EscrowNoteRequest.optionalNote(body)).map(EscrowRead::of);
    }

    /** Releases a FUNDED escrow whose deadline has passed; otherwise answers it unchanged. No body. */
    @POST
    @Path("/{escrowId}/check-deadline")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Apply the escrow's deadline", description = "Scopes sender (own escrows only), admin. No body.")
    @APIResponse(responseCode = "200", description = "EscrowRead (RELEASED when FUNDED and deadline_at <= now, else unchanged)")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND")
    public Uni<EscrowRead> checkDeadline(@PathParam("escrowId") long escrowId) {
        return lifecycle.checkDeadline(caller, escrowId).map(EscrowRead::of);
    }
}
