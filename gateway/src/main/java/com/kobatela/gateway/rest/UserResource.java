package com.kobatela.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.kobatela.gateway.service.UserService;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;
import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;

/**
 * Users (spec {@code api.md#2.1}, {@code #2.2}); scopes support and admin, checked by the gateway filter before
 * this resource runs ({@code @PermitAll} here: authentication is the API key, not a JWT).
 */
@Path("/users")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    UserService users;

    @Inject
    CurrentVertxRequest request;

    /**
     * {@code POST /users}: 201 UserRead; 400 {@code USER_CREATE_FAILED} on a duplicate username or e-mail; 403
     * {@code INSUFFICIENT_SCOPE} when a non-admin sets {@code public_tag}; 422 {@code VALIDATION_ERROR}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<UserRead>> create(@Valid @NotNull UserCreateRequest body) {
        Caller caller = GatewayContext.caller(request.getCurrent());
        if (body.publicTag() != null && caller.scope() != Scope.ADMIN) {
            throw new ApiException(403, ErrorCodes.INSUFFICIENT_SCOPE, "Requires one of: ['admin']", "public_tag", null);
        }
        boolean active = body.isActive() == null || body.isActive();
        String tag = body.publicTag() == null ? "private" : body.publicTag();
        return users.create(caller, body.username(), body.email(), active, tag)
                .map(u -> RestResponse.status(RestResponse.Status.CREATED, UserRead.of(u)));
    }

    /** {@code GET /users/{user_id}}: 200 UserRead (audited {@code READ_USER}); 404 {@code USER_NOT_FOUND}. */
    @GET
    @Path("/{userId}")
    public Uni<UserRead> read(@PathParam("userId") long userId) {
        return users.read(GatewayContext.caller(request.getCurrent()), userId).map(UserRead::of);
    }
}
