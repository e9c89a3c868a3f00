package com.kobatela.gateway.rest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.kobatela.gateway.service.ApiKeyService;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.security.Scope;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;

/**
 * API keys (spec {@code api.md#2.4}-{@code #2.6}); scope admin, checked by the gateway filter before this resource
 * runs ({@code @PermitAll} here: authentication is the API key, not a JWT).
 */
@Path("/apikeys")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    /** Maximum length of a key name after trimming. */
    static final int NAME_MAX = 100;

    @Inject
    ApiKeyService keys;

    @Inject
    CurrentVertxRequest request;

    /**
     * {@code POST /apikeys}: 201 {@code {id, name, scope, key, expires_at}} (raw key shown once); 404
     * {@code USER_NOT_FOUND} for an unknown {@code user_id}; 422 {@code VALIDATION_ERROR}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ApiKeyCreated>> create(@Valid @NotNull ApiKeyCreateRequest body) {
        String name = body.getName().strip();
        if (name.length() > NAME_MAX) {
            throw ApiException.validation("name", "ensure this value has at most " + NAME_MAX + " characters");
        }
        Integer days = body.effectiveDaysValid();
        OffsetDateTime expiresAt = days == null ? null : OffsetDateTime.now(ZoneOffset.UTC).plusDays(days);
        return keys.create(GatewayContext.caller(request.getCurrent()), name, Scope.fromValue(body.getScope()), expiresAt, body.getUserId())
                .map(c -> RestResponse.status(RestResponse.Status.CREATED,
                        new ApiKeyCreated(c.key().id, c.key().name, c.key().scope, c.raw(), c.key().expiresAt)));
    }

    /** {@code GET /apikeys/{api_key_id}}: 200 ApiKeyRead; 404 {@code APIKEY_NOT_FOUND}. */
    @GET
    @Path("/{apiKeyId}")
    public Uni<ApiKeyRead> read(@PathParam("apiKeyId") long apiKeyId) {
        GatewayContext.caller(request.getCurrent());
        return keys.read(apiKeyId).map(ApiKeyRead::of);
    }

    /**
     * {@code POST /apikeys/{api_key_id}/rotate} (NEW, admin): 201 {@code {id, name, scope, key, expires_at}} of the new
     * key (raw key shown once); the old key keeps working {@code grace_seconds} (default 86400, 0..604800) then is
     * refused. Body optional: {@code {"grace_seconds": n, "days_valid": n|null}} ({@code days_valid} as for creation,
     * default 90). 404 {@code APIKEY_NOT_FOUND}; 409 {@code APIKEY_NOT_ACTIVE} for a revoked or expired key; 422
     * {@code VALIDATION_ERROR}.
     */
    @POST
    @Path("/{apiKeyId}/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ApiKeyCreated>> rotate(@PathParam("apiKeyId") long apiKeyId, @Valid ApiKeyRotateRequest body) {
        ApiKeyRotateRequest b = body == null ? new ApiKeyRotateRequest() : body;
        Integer days = b.effectiveDaysValid();
        return keys.rotate(GatewayContext.caller(request.getCurrent()), apiKeyId, java.time.Duration.ofSeconds(b.effectiveGraceSeconds()),
                days == null ? null : java.time.Duration.ofDays(days))
                .map(c -> RestResponse.status(RestResponse.Status.CREATED,
                        new ApiKeyCreated(c.key().id, c.key().name, c.key().scope, c.raw(), c.key().expiresAt)));
    }

    /** {@code DELETE /apikeys/{api_key_id}}: 204 (also when already revoked); 404 {@code APIKEY_NOT_FOUND}. */
    @DELETE
    @Path("/{apiKeyId}")
    public Uni<RestResponse<Void>> revoke(@PathParam("apiKeyId") long apiKeyId) {
        return keys.revoke(GatewayContext.caller(request.getCurrent()), apiKeyId).map(v -> RestResponse.noContent());
    }
}
