package com.kobatela.escrow.rest;

import com.kobatela.kernel.error.ApiException;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /kct_public/projects/{id}/managers} (spec {@code api.md#8}) [BEYOND SEED SCOPE].
 *
 * @param userId    the user to add, required
 * @param role      1..30 characters, required
 * @param isPrimary optional, default false
 */
@RegisterForReflection
public record ManagerAddRequest(Long userId, String role, Boolean isPrimary) {

    /**
     * @throws ApiException {@code 422 VALIDATION_ERROR} naming the first failing field
     */
    public ManagerAddRequest validate() {
        if (userId == null || userId < 1) {
            throw ApiException.validation("user_id", "user_id must be a positive integer.");
        }
        GovProjectCreateRequest.sized(role, "role", 1, 30);
        return new ManagerAddRequest(userId, role, isPrimary != null && isPrimary);
    }
}
