package com.kobatela.spend.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kobatela.kernel.error.ApiException;

/** Plain unit tests of {@link UsagePayouts} (spec rules.md#idempotency internal keys, #payees; CONTRACTS.md reason codes). */
class UsagePayoutsTest {

    @Test
    void payoutKeyIsNamespacedByPrincipal() {
        assertEquals("usage|user:12|usage-spend-1", UsagePayouts.payoutKey("user:12", "usage-spend-1"));
        assertEquals("usage|apikey:3|a|b", UsagePayouts.payoutKey("apikey:3", "a|b"));
        assertTrue(UsagePayouts.isUsageKey("usage|user:12|k"));
        assertFalse(UsagePayouts.isUsageKey("pay|escrow:1|ms:2|amt:3.00"));
        assertFalse(UsagePayouts.isUsageKey(null));
    }

    @Test
    void releaseAudits() {
        assertEquals("USAGE_BALANCE_REJECTED", UsagePayouts.releaseAudit(false, "INSUFFICIENT_ESCROW_BALANCE"));
        assertEquals("USAGE_ESCROW_CLOSED", UsagePayouts.releaseAudit(false, "ESCROW_NOT_ACTIVE"));
        assertEquals("USAGE_ESCROW_NOT_FOUND", UsagePayouts.releaseAudit(false, "UNKNOWN_ESCROW"));
        assertEquals("USAGE_PAYOUT_REJECTED", UsagePayouts.releaseAudit(false, "PAYMENT_IN_ERROR"));
        assertEquals("USAGE_PAYOUT_REJECTED", UsagePayouts.releaseAudit(false, null));
        assertEquals("USAGE_PAYOUT_FAILED", UsagePayouts.releaseAudit(true, "PSP_FAILED"));
    }

    @Test
    void releasedErrorsUseTheSynchronousCodes() {
        Map<String, Object> d = Map.of("spend_id", 1);
        assertError(409, "INSUFFICIENT_ESCROW_BALANCE", UsagePayouts.releasedError("REJECTED", "INSUFFICIENT_ESCROW_BALANCE", d));
        assertError(409, "ESCROW_NOT_ACTIVE", UsagePayouts.releasedError("REJECTED", "ESCROW_NOT_ACTIVE", d));
        assertError(404, "ESCROW_NOT_FOUND", UsagePayouts.releasedError("REJECTED", "UNKNOWN_ESCROW", d));
        assertError(409, "PAYMENT_IN_ERROR", UsagePayouts.releasedError("REJECTED", "PAYMENT_IN_ERROR", d));
        assertError(409, "PAYOUT_REJECTED", UsagePayouts.releasedError("REJECTED", "SOMETHING_NEW", d));
        assertError(409, "PAYOUT_REJECTED", UsagePayouts.releasedError("REJECTED", null, d));
        assertError(409, "PAYOUT_FAILED", UsagePayouts.releasedError("ERROR", "PSP_FAILED", d));
        assertEquals(d, UsagePayouts.releasedError("ERROR", "PSP_FAILED", d).details());
    }

    private static void assertError(int status, String code, ApiException e) {
        assertEquals(status, e.status());
        assertEquals(code, e.code());
    }
}
