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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        var request = body.validate(this::canonical);
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

    /** Canonical JSON text of a node (keys sorted), so that equal objects give equal fingerprints. */
    private String canonical(JsonNode node) {
        try {
            return mapper.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw ApiException.validation("release_conditions", "release_conditions must be a JSON object.");
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            java.util.List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> out.add(sorted(child)));
            return out;
        }
        return node;
    }
}
