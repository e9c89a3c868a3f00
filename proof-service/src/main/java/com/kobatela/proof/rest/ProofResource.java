package com.kobatela.proof.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;
import com.kobatela.proof.service.ProofDecisionService;
import com.kobatela.proof.service.ProofService;
import com.kobatela.proof.service.ProofSubmissionService;

import io.smallrye.mutiny.Uni;

/**
 * Proof endpoints (spec {@code api.md#6}, {@code #9}); reached only through the gateway with its internal JWT.
 */
@Path("/proofs")
public class ProofResource {

    @Inject
    ProofService proofs;

    @Inject
    ProofSubmissionService submissions;

    @Inject
    ProofDecisionService decisions;

    @Inject
    Caller caller;

    /** Submits a proof for the current milestone of an escrow. */
    @POST
    @ResponseStatus(201)
    @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Submit a proof (scopes: sender, admin)")
    @APIResponse(responseCode = "201", description = "ProofRead, APPROVED (auto-approved photo) or PENDING (review)")
    @APIResponse(responseCode = "404", description = "ESCROW_NOT_FOUND, MILESTONE_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "NO_OPEN_MILESTONE, MILESTONE_NOT_WAITING, PROOF_DUPLICATE, INSUFFICIENT_ESCROW_BALANCE")
    @APIResponse(responseCode = "422", description = "VALIDATION_ERROR, INVOICE_NORMALIZATION_ERROR, GEOFENCE_VIOLATION, MISSING_EXIF_TIMESTAMP, STALE_TIMESTAMP, FUTURE_TIMESTAMP, MISSING_GPS, SEQUENCE_ERROR")
    public Uni<ProofRead> submit(@Valid @NotNull ProofCreateRequest body) {
        return submissions.submit(caller, body);
    }

    /** Approves or rejects a proof under review. */
    @POST
    @Path("/{proofId}/decision")
    @RolesAllowed({Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Decide on a proof (scopes: support, admin)")
    @APIResponse(responseCode = "200", description = "ProofRead")
    @APIResponse(responseCode = "400", description = "AI_REVIEW_NOTE_REQUIRED")
    @APIResponse(responseCode = "404", description = "PROOF_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "PROOF_ALREADY_REJECTED, PROOF_ALREADY_APPROVED, INSUFFICIENT_ESCROW_BALANCE")
    public Uni<ProofRead> decide(@PathParam("proofId") long proofId, @Valid @NotNull ProofDecisionRequest body) {
        return decisions.decide(caller, proofId, body);
    }

    /** Reads a proof (masked metadata). */
    @GET
    @Path("/{proofId}")
    @RolesAllowed({Scope.SENDER_ROLE, Scope.SUPPORT_ROLE, Scope.ADMIN_ROLE})
    @Operation(summary = "Read a proof (scopes: sender (own escrows), support, admin)")
    @APIResponse(responseCode = "200", description = "ProofRead")
    @APIResponse(responseCode = "404", description = "PROOF_NOT_FOUND")
    public Uni<ProofRead> get(@PathParam("proofId") long proofId) {
        return proofs.get(caller, proofId);
    }
}
