package com.kobatela.spend.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.idempotency.IdempotencyKeys;
import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;
import com.kobatela.spend.service.CatalogueService;
import com.kobatela.spend.service.PurchaseService;

import io.smallrye.mutiny.Uni;

/** Spend catalogue and purchase endpoints (spec {@code api.md#4.3-4.6}); reached only through the gateway. */
@Path("/spend")
public class SpendResource {

    @Inject
    CatalogueService catalogue;

    @Inject
    PurchaseService purchases;

    @Inject
    Caller caller;

    /** Creates a spend category. */
    @POST
    @Path("/categories")
    @ResponseStatus(201)
    @RolesAllowed({Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Create a spend category (scopes: support, admin)")
    @APIResponse(responseCode = "201", description = "SpendCategoryRead")
    @APIResponse(responseCode = "400", description = "CATEGORY_EXISTS")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<SpendCategoryRead> createCategory(@Valid @NotNull CategoryCreateRequest body) {
        return catalogue.createCategory(caller, body);
    }

    /** Creates a merchant. */
    @POST
    @Path("/merchants")
    @ResponseStatus(201)
    @RolesAllowed({Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Create a merchant (scopes: support, admin)")
    @APIResponse(responseCode = "201", description = "MerchantRead")
    @APIResponse(responseCode = "400", description = "MERCHANT_EXISTS")
    @APIResponse(responseCode = "404", description = "CATEGORY_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<MerchantRead> createMerchant(@Valid @NotNull MerchantCreateRequest body) {
        return catalogue.createMerchant(caller, body);
    }

    /** Allows a beneficiary to spend at a merchant or in a category; a duplicate answers {@code exists}. */
    @POST
    @Path("/allow")
    @ResponseStatus(201)
    @RolesAllowed({Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Add an allowed usage (scopes: support, admin)")
    @APIResponse(responseCode = "201", description = "{\"status\": \"added\"} or {\"status\": \"exists\"}")
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND, MERCHANT_NOT_FOUND, CATEGORY_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR (both or neither of merchant_id, category_id)")
    public Uni<StatusResult> allow(@Valid @NotNull AllowUsageRequest body) {
        if ((body.merchantId() == null) == (body.categoryId() == null)) {
            throw ApiException.validation(body.merchantId() == null ? "merchant_id" : "category_id",
                    "Exactly one of merchant_id and category_id is required.");
        }
        return catalogue.allow(caller, body);
    }

    /** Records a purchase against the caller's active mandate; idempotent per {@code Idempotency-Key}. */
    @POST
    @Path("/purchases")
    @ResponseStatus(201)
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Create a purchase (scopes: sender, admin; Idempotency-Key required)")
    @APIResponse(responseCode = "201", description = "PurchaseRead, status COMPLETED (also for a replay)")
    @APIResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_REQUIRED")
    @APIResponse(responseCode = "403", description = "MANDATE_REQUIRED, MANDATE_MERCHANT_FORBIDDEN, MANDATE_CATEGORY_FORBIDDEN, UNAUTHORIZED_USAGE")
    @APIResponse(responseCode = "404", description = "MERCHANT_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "MANDATE_CONFLICT, IDEMPOTENCY_KEY_CONFLICT")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR, CATEGORY_MISMATCH")
    public Uni<PurchaseRead> purchase(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull PurchaseCreateRequest body) {
        String key = IdempotencyKeys.required(idempotencyKey, "/spend/purchases");
        return purchases.create(caller, key, body);
    }
}
