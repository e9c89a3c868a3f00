package com.kobatela.escrow.domain;

import java.math.BigDecimal;
import java.util.Map;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;
import com.kobatela.kernel.money.Amounts;

/** Error codes and messages of the escrow API (spec {@code api.md#3}). */
public final class EscrowErrors {

    public static final String ESCROW_NOT_ACTIVE = "ESCROW_NOT_ACTIVE";
    public static final String PUBLIC_DOMAIN_FORBIDDEN = "PUBLIC_DOMAIN_FORBIDDEN";
    public static final String ESCROW_INVALID_STATE = "ESCROW_INVALID_STATE";
    public static final String MILESTONE_NOT_FOUND = "MILESTONE_NOT_FOUND";
    public static final String MILESTONE_CURRENCY_MISMATCH = "MILESTONE_CURRENCY_MISMATCH";
    public static final String MILESTONE_TOTAL_EXCEEDS_ESCROW = "MILESTONE_TOTAL_EXCEEDS_ESCROW";
    public static final String MILESTONE_SEQUENCE_EXISTS = "MILESTONE_SEQUENCE_EXISTS";

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

    /**
     * {@code 409 ESCROW_INVALID_STATE} (NEW, spec {@code domain.md#9.1}): the action is not allowed in the escrow's
     * status; {@code details.status} is the current status.
     *
     * @param action e.g. {@code mark-delivered}
     */
    public static ApiException invalidState(String action, EscrowStatus current) {
        return new ApiException(409, ESCROW_INVALID_STATE, "Escrow in status " + current + " does not allow " + action + ".", null,
                Map.of("status", current.name(), "action", action));
    }

    /** {@code 404 MILESTONE_NOT_FOUND}: unknown milestone, or one of an escrow the caller may not see. */
    public static ApiException milestoneNotFound() {
        return ApiException.notFound(MILESTONE_NOT_FOUND, "Milestone not found.");
    }

    /** {@code 400 MILESTONE_CURRENCY_MISMATCH} (spec {@code api.md#3.8}). */
    public static ApiException milestoneCurrencyMismatch() {
        return new ApiException(400, MILESTONE_CURRENCY_MISMATCH, "Milestone currency must match escrow currency", "currency", null);
    }

    /** {@code 400 MILESTONE_TOTAL_EXCEEDS_ESCROW}: existing amounts + this one would exceed {@code amount_total}. */
    public static ApiException milestoneTotalExceeds(BigDecimal existing, BigDecimal amountTotal) {
        return new ApiException(400, MILESTONE_TOTAL_EXCEEDS_ESCROW, "Total milestone amounts exceed escrow amount_total", "amount",
                Map.of("existing_total", Amounts.format(existing),
                        "amount_total", Amounts.format(amountTotal)));
    }

    /** {@code 400 MILESTONE_SEQUENCE_EXISTS}: the escrow already has a milestone with this {@code sequence_index}. */
    public static ApiException milestoneSequenceExists() {
        return new ApiException(400, MILESTONE_SEQUENCE_EXISTS, "A milestone with this sequence_index already exists for this escrow",
                "sequence_index", null);
    }
}
