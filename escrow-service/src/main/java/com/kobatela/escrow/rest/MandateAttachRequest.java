package com.kobatela.escrow.rest;

import com.kobatela.kernel.error.ApiException;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /kct_public/projects/{id}/mandates} (spec {@code api.md#8}) [BEYOND SEED SCOPE].
 *
 * @param escrowId the escrow to attach, required
 */
@RegisterForReflection
public record MandateAttachRequest(Long escrowId) {

    /**
     * @return the escrow id
     * @throws ApiException {@code 422 VALIDATION_ERROR} (field {@code escrow_id}) when missing
     */
    public long validEscrowId() {
        if (escrowId == null) {
            throw ApiException.validation("escrow_id", "Field required.");
        }
        return escrowId;
    }
}
