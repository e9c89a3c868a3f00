package com.kobatela.payment.service;

import java.util.Map;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;

/** Error codes and messages of the payment endpoints (spec {@code api.md#7.1}, {@code #9}). */
public final class PaymentErrors {

    public static final String PAYMENT_NOT_FOUND = "PAYMENT_NOT_FOUND";
    public static final String INSUFFICIENT_ESCROW_BALANCE = "INSUFFICIENT_ESCROW_BALANCE";
    public static final String PSP_TRANSFER_FAILED = "PSP_TRANSFER_FAILED";
    public static final String PSP_UNAVAILABLE = "PSP_UNAVAILABLE";

    private PaymentErrors() {
    }

    /** 404: unknown payment, or one of another principal's escrow for a sender key. */
    public static ApiException paymentNotFound() {
        return ApiException.notFound(PAYMENT_NOT_FOUND, "Payment not found.");
    }

    /** 404 {@code ESCROW_NOT_FOUND}. */
    public static ApiException escrowNotFound() {
        return ApiException.notFound(ErrorCodes.ESCROW_NOT_FOUND, "Escrow not found.");
    }

    /** 409: the escrow's available balance does not cover the payment. */
    public static ApiException insufficientBalance() {
        return ApiException.conflict(INSUFFICIENT_ESCROW_BALANCE, "Insufficient escrow balance.");
    }

    /** 502: the PSP refused the payout for good; the payment is in ERROR. The PSP's text is never echoed. */
    public static ApiException pspTransferFailed(long paymentId) {
        return new ApiException(502, PSP_TRANSFER_FAILED, "The PSP refused the payout; the payment is in ERROR.", null,
                Map.of("payment_id", paymentId, "status", "ERROR"));
    }

    /** 503: the PSP did not answer usably; the payment stays PENDING and is sent again automatically. */
    public static ApiException pspUnavailable(long paymentId) {
        return new ApiException(503, PSP_UNAVAILABLE, "The PSP is unavailable; the payment stays PENDING and will be retried.", null,
                Map.of("payment_id", paymentId, "status", "PENDING"));
    }
}
