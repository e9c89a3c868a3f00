package com.kobatela.spend.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.idempotency.IdempotencyKeys;
import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;
import com.kobatela.spend.service.PayeeService;
import com.kobatela.spend.service.SpendErrors;
import com.kobatela.spend.service.UsageSpendService;

import io.smallrye.mutiny.Uni;

/**
 * Allowed payees and usage spend (spec {@code api.md#4.7}, {@code #4.8}, {@code #9}); reached only through the
 * gateway. Check order of {@code POST /spend}: 401, 403, 422 body, 400 IDEMPOTENCY_KEY_REQUIRED, 400 BAD_AMOUNT, then
 * the service's checks.
 */
@Path("/spend")
public class UsageSpendResource {

    @Inject
    PayeeService payees;

    @Inject
    UsageSpendService spends;

    @Inject
    Caller caller;

    /** Allows a payee on an escrow, with optional daily and total limits. */
    @POST
    @Path("/allowed")
    @ResponseStatus(201)
    @RolesAllowed({Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Allow a payee on an escrow (scopes: support, admin)")
    @APIResponse(responseCode = "201", description = "{id, escrow_id, payee_ref, label, daily_limit, total_limit}")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "PAYEE_ALREADY_ALLOWED")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<PayeeRead> allow(@Valid @NotNull PayeeCreateRequest body) {
        return payees.create(caller, body);
    }

    /** Reads a payee with its counters. */
    @GET
    @Path("/allowed/{payeeId}")
    @RolesAllowed({Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Read an allowed payee with spent_today, spent_total, last_reset_at (scopes: support, admin)")
    @APIResponse(responseCode = "200", description = "payee with counters")
    @APIResponse(responseCode = "404", description = "PAYEE_NOT_FOUND")
    public Uni<PayeeStateRead> get(@PathParam("payeeId") long payeeId) {
        return payees.get(payeeId);
    }

    /** Spends from an escrow to an allowed payee; idempotent per {@code Idempotency-Key}. */
    @POST
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Usage spend to an allowed payee (scopes: sender, admin; Idempotency-Key required)",
            description = "Answers once payment-service settled the payout, or after a short bounded wait with status PENDING "
                    + "(payment_id and psp_ref null); a replay answers the spend's current state.")
    @APIResponse(responseCode = "200", description = "{payment_id, escrow_id, amount, status, psp_ref, spend_id}")
    @APIResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_REQUIRED, BAD_AMOUNT")
    @APIResponse(responseCode = "403", description = "PAYEE_NOT_ALLOWED")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "ESCROW_NOT_ACTIVE, DAILY_LIMIT_REACHED, TOTAL_LIMIT_REACHED, "
            + "INSUFFICIENT_ESCROW_BALANCE, IDEMPOTENCY_KEY_CONFLICT, IDEMPOTENCY_KEY_IN_PROGRESS, PAYMENT_IN_ERROR, "
            + "PAYOUT_REJECTED, PAYOUT_FAILED")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<UsageSpendRead> spend(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey, @Valid @NotNull UsageSpendRequest body) {
        String key = IdempotencyKeys.required(idempotencyKey, "/spend");
        if (body.amount().signum() <= 0) {
            throw new ApiException(400, SpendErrors.BAD_AMOUNT, "Amount must be greater than zero.", "amount", null);
        }
        return spends.spend(caller, key, body);
    }
}
