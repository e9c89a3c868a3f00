package com.kobatela.escrow.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Internal idempotency keys (spec {@code rules.md#idempotency}, CONTRACTS.md). */
class KeysTest {

    @Test
    void milestonePayoutKeyIsDeterministicWithTwoDecimals() {
        assertEquals("pay|escrow:7|ms:12|amt:300.00", PayoutKeys.milestone(7, 12, new BigDecimal("300"), 1));
        assertEquals("pay|escrow:7|ms:12|amt:33.34", PayoutKeys.milestone(7, 12, new BigDecimal("33.335"), 1));
        assertEquals(PayoutKeys.milestone(7, 12, new BigDecimal("250.0"), 1), PayoutKeys.milestone(7, 12, new BigDecimal("250.00"), 1));
        assertEquals("pay|escrow:7|ms:12|amt:300.00|try:2", PayoutKeys.milestone(7, 12, new BigDecimal("300"), 2));
        assertTrue(PayoutKeys.spent("ERROR", "PSP_REJECTED"));
        assertTrue(PayoutKeys.spent("REJECTED", "PAYMENT_IN_ERROR"));
        assertFalse(PayoutKeys.spent("REJECTED", "INSUFFICIENT_ESCROW_BALANCE"));
    }

    @Test
    void usageClientKeyIsEverythingAfterTheSecondBar() {
        assertEquals("k-1", UsageKeys.clientKey("usage|user:5|k-1"));
        assertEquals("a|b", UsageKeys.clientKey("usage|apikey:9|a|b"));
        assertEquals("", UsageKeys.clientKey("usage|user:5|"));
        assertEquals("plain", UsageKeys.clientKey("plain"));
        assertEquals("usage|x", UsageKeys.clientKey("usage|x"));
        assertNull(UsageKeys.clientKey(null));
    }
}
