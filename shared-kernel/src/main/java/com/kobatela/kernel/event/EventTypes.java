package com.kobatela.kernel.event;

/** CloudEvents {@code ce_type} values ({@code <context>.<event>.v<n>}); spec {@code README.md#events-that-cross-service-boundaries}. */
public final class EventTypes {

    public static final String USER_REGISTERED = "identity.user-registered.v1";
    public static final String USER_UPDATED = "identity.user-updated.v1";
    public static final String ESCROW_CREATED = "escrow.created.v1";
    public static final String ESCROW_DEPOSITED = "escrow.deposited.v1";
    public static final String ESCROW_STATUS_CHANGED = "escrow.status-changed.v1";
    public static final String ESCROW_RELEASED = "escrow.released.v1";
    public static final String MILESTONE_CREATED = "escrow.milestone-created.v1";
    public static final String MILESTONE_STATUS_CHANGED = "escrow.milestone-status-changed.v1";
    public static final String PAYOUT_REQUESTED = "escrow.payout-requested.v1";
    public static final String USAGE_PAYOUT_REQUESTED = "spend.usage-payout-requested.v1";
    public static final String PROOF_SUBMITTED = "proof.submitted.v1";
    public static final String PROOF_APPROVED = "proof.approved.v1";
    public static final String PROOF_REJECTED = "proof.rejected.v1";
    public static final String PAYMENT_SENT = "payment.sent.v1";
    public static final String PAYMENT_SETTLED = "payment.settled.v1";
    public static final String PAYMENT_FAILED = "payment.failed.v1";
    public static final String PAYOUT_REJECTED = "payment.payout-rejected.v1";

    private EventTypes() {
    }
}
