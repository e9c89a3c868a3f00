package com.kobatela.proof.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.security.Caller;
import com.kobatela.proof.domain.EscrowView;
import com.kobatela.proof.domain.Proof;
import com.kobatela.proof.rest.ProofRead;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Proof reads and the ownership rule shared by every proof use case (spec {@code api.md#9}, {@code rules.md#ownership}):
 * a sender caller sees only proofs of escrows its principal created; anything else is not found.
 */
@ApplicationScoped
public class ProofService {

    @jakarta.inject.Inject
    ProofMapper mapper;

    /**
     * {@code GET /proofs/{id}}: masked metadata.
     *
     * @throws ApiException 404 PROOF_NOT_FOUND
     */
    public Uni<ProofRead> get(Caller caller, long proofId) {
        return Panache.withSession(() -> Proof.<Proof>findById(proofId)
                .chain(p -> {
                    if (p == null) {
                        return Uni.createFrom().failure(notFound());
                    }
                    return visibleEscrow(caller, p.escrowId, "PROOF_NOT_FOUND", "Proof not found.").replaceWith(p);
                }))
                .map(mapper::read);
    }

    /**
     * The escrow's read model when the caller may see it.
     *
     * @throws ApiException 404 with {@code code} when unknown or foreign
     */
    public Uni<EscrowView> visibleEscrow(Caller caller, long escrowId, String code, String message) {
        return EscrowView.<EscrowView>findById(escrowId).chain(e -> e == null || !caller.canSee(e.ownerPrincipal)
                ? Uni.createFrom().failure(ApiException.notFound(code, message))
                : Uni.createFrom().item(e));
    }

    static ApiException notFound() {
        return ApiException.notFound("PROOF_NOT_FOUND", "Proof not found.");
    }
}
