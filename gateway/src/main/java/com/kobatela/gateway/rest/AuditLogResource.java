package com.kobatela.gateway.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.kobatela.gateway.domain.AuthenticatedKey;
import com.kobatela.gateway.service.AuditLogAggregator;
import com.kobatela.kernel.audit.AuditLogQuery;
import com.kobatela.kernel.audit.AuditLogRead;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /audit-logs?entity=&entity_id=&action=&limit=&offset=} (spec {@code api.md#9}), admin only (checked by the
 * gateway filter, {@code @PermitAll} here as for the other gateway resources): the audit rows of the whole platform,
 * newest first, each tagged with the service that holds it. 422 {@code VALIDATION_ERROR} for a limit outside 1..500
 * or a negative offset; 503 {@code SERVICE_UNAVAILABLE} when a service does not answer.
 */
@Path("/audit-logs")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    @Inject
    AuditLogAggregator audit;

    @Inject
    CurrentVertxRequest request;

    /** One page of rows. */
    @GET
    public Uni<List<AuditLogRead>> list(@QueryParam("entity") @Size(max = 100) String entity,
            @QueryParam("entity_id") Long entityId, @QueryParam("action") @Size(max = 100) String action,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(AuditLogQuery.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        var ctx = request.getCurrent();
        GatewayContext.caller(ctx);
        AuthenticatedKey key = ctx.get(GatewayContext.KEY);
        return audit.page(key, ctx.get(GatewayContext.REQUEST_ID), entity, entityId, action, limit, offset);
    }
}
