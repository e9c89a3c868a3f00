package com.kobatela.payment.client;

/**
 * The PSP accepted a payout.
 *
 * @param pspRef   the PSP's reference of the payout (stored on the payment, matched by webhooks)
 * @param status   the PSP's own status word (e.g. {@code accepted})
 * @param replayed true when the PSP answered a replay of our idempotency key
 */
public record PspPayoutResult(String pspRef, String status, boolean replayed) {
}
