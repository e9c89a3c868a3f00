package com.kobatela.kernel.audit;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
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

import com.kobatela.kernel.security.Scope;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /audit-logs?entity=&entity_id=&action=&limit=&offset=} (spec {@code api.md#9}): this service's audit rows,
 * newest first; admin only (internal JWT). The gateway serves the partner-facing endpoint by merging the rows of every
 * service with its own, so it switches this resource off ({@code kobatela.audit-logs.resource=false}).
 * Errors: 422 {@code VALIDATION_ERROR} for a limit outside 1..500 or a negative offset.
 */
@Path("/audit-logs")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "kobatela.audit-logs.resource", stringValue = "true", enableIfMissing = true)
public class AuditLogResource {

    @Inject
    AuditLogQuery query;

    /** One page of rows, newest first. */
    @GET
    @RolesAllowed(Scope.ADMIN_ROLE)
    public Uni<List<AuditLogRead>> list(@QueryParam("entity") @Size(max = 100) String entity,
            @QueryParam("entity_id") Long entityId, @QueryParam("action") @Size(max = 100) String action,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(AuditLogQuery.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return query.page(entity, entityId, action, limit, offset);
    }
}
