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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.kobatela.escrow.service.PublicProjects;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;

import io.smallrye.mutiny.Uni;

/**
 * KCT public sector (spec {@code api.md#8}) [BEYOND SEED SCOPE]. Every route needs scope sender (or admin) and a key
 * linked to a GOV or ONG user (403 {@code PUBLIC_USER_NOT_FOUND} / {@code PUBLIC_ACCESS_FORBIDDEN}, checked before the
 * body); one project is seen and changed only by its managers (403 {@code FORBIDDEN}).
 */
@Path("/kct_public/projects")
@Tag(name = "kct_public")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
public class PublicProjectResource {

    @Inject
    PublicProjects projects;

    @Inject
    Caller caller;

    /** Creates a project; the caller becomes its primary {@code project_manager}. */
    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a public project")
    @APIResponse(responseCode = "201", description = "GovProjectRead")
    @APIResponse(responseCode = "403", description = "PUBLIC_USER_NOT_FOUND, PUBLIC_ACCESS_FORBIDDEN")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR")
    public Uni<GovProjectRead> create(GovProjectCreateRequest body) {
        return projects.publicUser(caller).chain(userId -> projects.create(caller, userId, required(body).validate())).map(GovProjectRead::of);
    }

    /** Adds a manager to a project the caller manages. */
    @POST
    @Path("/{projectId}/managers")
    @ResponseStatus(201)
    @Operation(summary = "Add a project manager", description = "{\"status\": \"added\"} or, when already a manager, \"exists\".")
    @APIResponse(responseCode = "201", description = "{status: added | exists}")
    @APIResponse(responseCode = "403", description = "PUBLIC_USER_NOT_FOUND, PUBLIC_ACCESS_FORBIDDEN, FORBIDDEN")
    @APIResponse(responseCode = "404", description = "NOT_FOUND (project), USER_NOT_FOUND")
    public Uni<StatusRead> addManager(@PathParam("projectId") long projectId, ManagerAddRequest body) {
        return projects.publicUser(caller).chain(userId -> {
            ManagerAddRequest r = required(body).validate();
            return projects.addManager(caller, userId, projectId, r.userId(), r.role(), r.isPrimary());
        }).map(StatusRead::new);
    }

    /** Attaches an escrow of the same domain to a project the caller manages. */
    @POST
    @Path("/{projectId}/mandates")
    @ResponseStatus(201)
    @Operation(summary = "Attach an escrow to a project")
    @APIResponse(responseCode = "201", description = "{status: attached}")
    @APIResponse(responseCode = "400", description = "DOMAIN_MISMATCH")
    @APIResponse(responseCode = "403", description = "PUBLIC_USER_NOT_FOUND, PUBLIC_ACCESS_FORBIDDEN, FORBIDDEN")
    @APIResponse(responseCode = "404", description = "NOT_FOUND (project or escrow)")
    @APIResponse(responseCode = "409", description = "ALREADY_ATTACHED")
    public Uni<StatusRead> attach(@PathParam("projectId") long projectId, MandateAttachRequest body) {
        return projects.publicUser(caller).chain(userId -> projects.attach(caller, userId, projectId, required(body).validEscrowId()))
                .map(x -> new StatusRead("attached"));
    }

    /** One project with its aggregates. */
    @GET
    @Path("/{projectId}")
    @Operation(summary = "Read a public project")
    @APIResponse(responseCode = "200", description = "GovProjectRead")
    @APIResponse(responseCode = "403", description = "PUBLIC_USER_NOT_FOUND, PUBLIC_ACCESS_FORBIDDEN, FORBIDDEN")
    @APIResponse(responseCode = "404", description = "NOT_FOUND")
    public Uni<GovProjectRead> get(@PathParam("projectId") long projectId) {
        return projects.publicUser(caller).chain(userId -> projects.get(userId, projectId)).map(GovProjectRead::of);
    }

    /** The projects the caller manages, filtered by exact domain, country and status. */
    @GET
    @Operation(summary = "List my public projects")
    @APIResponse(responseCode = "200", description = "array of GovProjectRead")
    @APIResponse(responseCode = "403", description = "PUBLIC_USER_NOT_FOUND, PUBLIC_ACCESS_FORBIDDEN")
    public Uni<List<GovProjectRead>> list(@QueryParam("domain") String domain, @QueryParam("country") String country,
            @QueryParam("status") String status) {
        return projects.publicUser(caller).chain(userId -> projects.list(userId, domain, country, status))
                .map(list -> list.stream().map(GovProjectRead::of).toList());
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw ApiException.validation("body", "Request body required.");
        }
        return body;
    }
}
