package com.kobatela.spend.service;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;

/** Business error codes and messages of spend-service (spec {@code api.md#4}, {@code #5}, {@code #9}). */
public final class SpendErrors {

    public static final String MANDATE_NOT_FOUND = "MANDATE_NOT_FOUND";
    public static final String CATEGORY_NOT_FOUND = "CATEGORY_NOT_FOUND";
    public static final String MERCHANT_NOT_FOUND = "MERCHANT_NOT_FOUND";
    public static final String MANDATE_EXPIRES_IN_PAST = "MANDATE_EXPIRES_IN_PAST";
    public static final String ACTIVE_MANDATE_EXISTS = "ACTIVE_MANDATE_EXISTS";
    public static final String CATEGORY_EXISTS = "CATEGORY_EXISTS";
    public static final String MERCHANT_EXISTS = "MERCHANT_EXISTS";
    public static final String CATEGORY_MISMATCH = "CATEGORY_MISMATCH";
    public static final String MANDATE_REQUIRED = "MANDATE_REQUIRED";
    public static final String MANDATE_MERCHANT_FORBIDDEN = "MANDATE_MERCHANT_FORBIDDEN";
    public static final String MANDATE_CATEGORY_FORBIDDEN = "MANDATE_CATEGORY_FORBIDDEN";
    public static final String UNAUTHORIZED_USAGE = "UNAUTHORIZED_USAGE";
    public static final String MANDATE_CONFLICT = "MANDATE_CONFLICT";
    public static final String UNAUTHORIZED_TRANSFER = "UNAUTHORIZED_TRANSFER";
    public static final String TRANSACTION_NOT_FOUND = "TRANSACTION_NOT_FOUND";
    public static final String PAYEE_ALREADY_ALLOWED = "PAYEE_ALREADY_ALLOWED";
    public static final String PAYEE_NOT_FOUND = "PAYEE_NOT_FOUND";
    public static final String BAD_AMOUNT = "BAD_AMOUNT";
    public static final String ESCROW_NOT_ACTIVE = "ESCROW_NOT_ACTIVE";
    public static final String PAYEE_NOT_ALLOWED = "PAYEE_NOT_ALLOWED";
    public static final String DAILY_LIMIT_REACHED = "DAILY_LIMIT_REACHED";
    public static final String TOTAL_LIMIT_REACHED = "TOTAL_LIMIT_REACHED";
    public static final String INSUFFICIENT_ESCROW_BALANCE = "INSUFFICIENT_ESCROW_BALANCE";
    public static final String PAYMENT_IN_ERROR = "PAYMENT_IN_ERROR";
    public static final String PAYOUT_REJECTED = "PAYOUT_REJECTED";
    public static final String PAYOUT_FAILED = "PAYOUT_FAILED";

    private SpendErrors() {
    }

    /** {@code 404 USER_NOT_FOUND} with the spec's message. */
    public static ApiException userNotFound(String message) {
        return ApiException.notFound(ErrorCodes.USER_NOT_FOUND, message);
    }

    /** {@code 404 CATEGORY_NOT_FOUND}. */
    public static ApiException categoryNotFound() {
        return ApiException.notFound(CATEGORY_NOT_FOUND, "Spend category not found.");
    }

    /** {@code 404 MERCHANT_NOT_FOUND}. */
    public static ApiException merchantNotFound() {
        return ApiException.notFound(MERCHANT_NOT_FOUND, "Merchant not found.");
    }

    /** {@code 404 ESCROW_NOT_FOUND}: unknown, not yet known here, or foreign escrow (spec {@code rules.md#ownership}). */
    public static ApiException escrowNotFound() {
        return ApiException.notFound(ErrorCodes.ESCROW_NOT_FOUND, "Escrow not found.");
    }

    /** {@code 409 ESCROW_NOT_ACTIVE} (spec {@code api.md#4.8}). */
    public static ApiException escrowNotActive() {
        return ApiException.conflict(ESCROW_NOT_ACTIVE, "Escrow is no longer available for spending.");
    }

    /** {@code 409 INSUFFICIENT_ESCROW_BALANCE} (spec {@code api.md#4.8}). */
    public static ApiException insufficientBalance() {
        return ApiException.conflict(INSUFFICIENT_ESCROW_BALANCE, "Not enough escrow balance.");
    }

    /** {@code 403 <code>} with a message. */
    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, message);
    }
}
