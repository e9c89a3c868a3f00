package com.kobatela.spend.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.kobatela.kernel.idempotency.IdempotencyKeys;
import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;
import com.kobatela.spend.service.AlertService;
import com.kobatela.spend.service.TransferService;

import io.smallrye.mutiny.Uni;

/** Restricted transfer and alert endpoints (spec {@code api.md#5}); reached only through the gateway. */
@Path("/")
public class TransferResource {

    @Inject
    TransferService transfers;

    @Inject
    AlertService alerts;

    @Inject
    Caller caller;

    /** Allowlists a recipient for an owner; a duplicate answers {@code exists}. */
    @POST
    @Path("allowlist")
    @ResponseStatus(201)
    @RolesAllowed(Scope.ADMIN_ROLE)
    @Operation(summary = "Add an allowlist pair (scope: admin)")
    @APIResponse(responseCode = "201", description = "{\"status\": \"added\"} or {\"status\": \"exists\"}")
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<StatusResult> allowlist(@Valid @NotNull AllowlistRequest body) {
        return transfers.allowlist(caller, body);
    }

    /** Certifies a user (BASIC or GOLD, case-insensitive) or updates the level. */
    @POST
    @Path("certified")
    @ResponseStatus(201)
    @RolesAllowed(Scope.ADMIN_ROLE)
    @Operation(summary = "Certify an account (scope: admin)")
    @APIResponse(responseCode = "201", description = "{\"status\": \"created\"} or {\"status\": \"updated\"}")
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<StatusResult> certify(@Valid @NotNull CertifyRequest body) {
        return transfers.certify(caller, body);
    }

    /** Records a restricted transfer; idempotent per {@code Idempotency-Key}. */
    @POST
    @Path("transactions")
    @ResponseStatus(201)
    @RolesAllowed(Scope.ADMIN_ROLE)
    @Operation(summary = "Create a restricted transfer (scope: admin; Idempotency-Key required)")
    @APIResponse(responseCode = "201", description = "TransactionRead, status COMPLETED (also for a replay)")
    @APIResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_REQUIRED")
    @APIResponse(responseCode = "403", description = "UNAUTHORIZED_TRANSFER (an UNAUTHORIZED_TRANSFER_ATTEMPT alert is kept)")
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_CONFLICT")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<TransactionRead> createTransaction(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull TransactionCreateRequest body) {
        String key = IdempotencyKeys.required(idempotencyKey, "/transactions");
        return transfers.create(caller, key, body);
    }

    /** Reads a transaction (audited TRANSACTION_READ). */
    @GET
    @Path("transactions/{transactionId}")
    @RolesAllowed(Scope.ADMIN_ROLE)
    @Operation(summary = "Read a restricted transfer (scope: admin)")
    @APIResponse(responseCode = "200", description = "TransactionRead")
    @APIResponse(responseCode = "404", description = "TRANSACTION_NOT_FOUND")
    public Uni<TransactionRead> getTransaction(@PathParam("transactionId") long transactionId) {
        return transfers.get(caller, transactionId);
    }

    /** Lists alerts, newest first, optionally of one type. */
    @GET
    @Path("alerts")
    @RolesAllowed({Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "List alerts (scopes: support, admin)")
    @APIResponse(responseCode = "200", description = "array of AlertRead, newest first")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR (limit 1..500, offset >= 0)")
    public Uni<List<AlertRead>> alerts(@QueryParam("type") String type,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return alerts.list(type == null || type.isEmpty() ? null : type, limit, offset);
    }
}
