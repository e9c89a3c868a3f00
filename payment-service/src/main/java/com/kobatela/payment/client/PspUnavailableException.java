package com.kobatela.payment.client;

/**
 * The outcome of a PSP call is unknown or the PSP cannot take it now (5xx, 408/425/429, network error): the payout may
 * be resent later with the same idempotency key. Timeouts, an open circuit and a full bulkhead arrive as SmallRye
 * Fault Tolerance exceptions and are treated the same way by the callers.
 */
public class PspUnavailableException extends RuntimeException {

    /** @param message what happened (status and PSP error code, or the network error's type) */
    public PspUnavailableException(String message) {
        super(message, null, false, false);
    }
}
