package com.kobatela.spend.service;

import com.kobatela.kernel.error.ApiException;

/**
 * A refused usage spend (spec {@code rules.md#payees} steps 3 to 9): the error answered to the client plus what its
 * rejection audit records. The audit is written in a transaction of its own once the request's transaction is rolled
 * back, so it survives the failure.
 */
final class UsageRejection extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Audit action, e.g. {@code USAGE_PAYEE_FORBIDDEN}. */
    final String action;
    /** AllowedPayee id, 0 when there is none. */
    final long payeeId;
    /** Optional note (the escrow status for {@code USAGE_ESCROW_CLOSED}). */
    final String note;

    UsageRejection(ApiException error, String action, long payeeId, String note) {
        super(error.status(), error.code(), error.getMessage(), error.field(), error.details());
        this.action = action;
        this.payeeId = payeeId;
        this.note = note;
    }
}
