package com.kobatela.escrow.domain;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;

/** Error codes and messages of the escrow API (spec {@code api.md#3}). */
public final class EscrowErrors {

    public static final String ESCROW_NOT_ACTIVE = "ESCROW_NOT_ACTIVE";
    public static final String PUBLIC_DOMAIN_FORBIDDEN = "PUBLIC_DOMAIN_FORBIDDEN";

    private EscrowErrors() {
    }

    /** {@code 404 ESCROW_NOT_FOUND}: unknown escrow, or one the caller may not see (spec {@code rules.md#ownership}). */
    public static ApiException escrowNotFound() {
        return ApiException.notFound(ErrorCodes.ESCROW_NOT_FOUND, "Escrow not found.");
    }

    /** {@code 404 USER_NOT_FOUND} naming the field that referenced the unknown user. */
    public static ApiException userNotFound(String field) {
        return new ApiException(404, ErrorCodes.USER_NOT_FOUND, "User not found.", field, null);
    }

    /** {@code 409 ESCROW_NOT_ACTIVE}: deposit on a RELEASED, REFUNDED or CANCELLED escrow. */
    public static ApiException notActive() {
        return ApiException.conflict(ESCROW_NOT_ACTIVE, "Escrow is not active.");
    }

    /** {@code 403 PUBLIC_DOMAIN_FORBIDDEN} (spec {@code api.md#3.1}). */
    public static ApiException publicDomainForbidden() {
        return new ApiException(403, PUBLIC_DOMAIN_FORBIDDEN, "Only GOV/ONG users can create public/aid escrows.");
    }
}
