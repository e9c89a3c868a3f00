package com.kobatela.escrow.domain;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;

/** Error codes and messages of {@code /kct_public} (spec {@code api.md#8}, {@code rules.md#kct-public}) [BEYOND SEED SCOPE]. */
public final class PublicSectorErrors {

    public static final String PUBLIC_USER_NOT_FOUND = "PUBLIC_USER_NOT_FOUND";
    public static final String PUBLIC_ACCESS_FORBIDDEN = "PUBLIC_ACCESS_FORBIDDEN";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String DOMAIN_MISMATCH = "DOMAIN_MISMATCH";
    public static final String ALREADY_ATTACHED = "ALREADY_ATTACHED";

    private PublicSectorErrors() {
    }

    /** {@code 403 PUBLIC_USER_NOT_FOUND}: the API key is linked to no user (legacy key included). */
    public static ApiException userNotFound() {
        return new ApiException(403, PUBLIC_USER_NOT_FOUND, "User not found for API key.");
    }

    /** {@code 403 PUBLIC_ACCESS_FORBIDDEN}: the user is not GOV or ONG. */
    public static ApiException accessForbidden() {
        return new ApiException(403, PUBLIC_ACCESS_FORBIDDEN, "Access to KCT Public Sector is restricted to GOV/ONG accounts.");
    }

    /** {@code 404 NOT_FOUND} "Project not found.". */
    public static ApiException projectNotFound() {
        return ApiException.notFound(ErrorCodes.NOT_FOUND, "Project not found.");
    }

    /** {@code 403 FORBIDDEN}: the caller does not manage the project. */
    public static ApiException notAManager() {
        return new ApiException(403, FORBIDDEN, "User is not assigned to this public project.");
    }

    /** {@code 404 NOT_FOUND} "Escrow not found." (unknown, or not visible to the caller). */
    public static ApiException escrowNotFound() {
        return ApiException.notFound(ErrorCodes.NOT_FOUND, "Escrow not found.");
    }

    /** {@code 400 DOMAIN_MISMATCH}. */
    public static ApiException domainMismatch() {
        return new ApiException(400, DOMAIN_MISMATCH, "Escrow domain must match project domain.");
    }

    /** {@code 409 ALREADY_ATTACHED} (NEW): the escrow is already attached to the project. */
    public static ApiException alreadyAttached() {
        return ApiException.conflict(ALREADY_ATTACHED, "Escrow already attached to this project.");
    }
}
