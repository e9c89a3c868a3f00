package com.kobatela.payment.client;

import io.smallrye.mutiny.Uni;

/**
 * The PSP port (ARCHITECTURE §5): asks the payment service provider to pay out. Every call carries our idempotency
 * key, so the PSP pays at most once per key however often it is called (a resend after a crash or a timeout gets the
 * first payout back). Adapters: {@link SandboxPspClient} (provider {@code sandbox}, the default); Stripe Connect is
 * [BEYOND SEED SCOPE].
 */
public interface PspClient {

    /**
     * Requests a payout.
     *
     * @param request amount (scale 2), currency, beneficiary and our idempotency key
     * @return the PSP's acceptance with its reference
     * @throws PspRejectedException    (as a failure) the PSP refused the payout for good (4xx): do not resend
     * @throws PspUnavailableException (as a failure) the outcome is unknown (5xx, network, timeout, circuit open,
     *                                 bulkhead full): resend later with the same key
     */
    Uni<PspPayoutResult> payout(PspPayoutRequest request);
}
