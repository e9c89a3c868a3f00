package com.kobatela.proof.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /proofs/{id}/decision} (spec {@code api.md#6.2}, {@code rules.md#decision}).
 *
 * @param decision {@code approve}, {@code approved}, {@code reject} or {@code rejected} (exact lower-case)
 * @param note     reviewer note, required (non-blank) to approve a proof the AI advisor flagged
 */
@RegisterForReflection
public record ProofDecisionRequest(
        @NotNull @Pattern(regexp = "approve|approved|reject|rejected", message = "must be one of approve, approved, reject, rejected") String decision,
        @Size(max = 2000) String note) {

    /** True for an approval. */
    public boolean approves() {
        return decision.startsWith("approve");
    }
}
