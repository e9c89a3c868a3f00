package com.kobatela.escrow.domain;

/** Usage-spend payout keys {@code usage|<principal>|<client key>} (spec {@code rules.md#idempotency}, CONTRACTS.md). */
public final class UsageKeys {

    private UsageKeys() {
    }

    /**
     * The client's Idempotency-Key inside a usage-spend payout key: everything after the second {@code '|'} (the key
     * itself may contain {@code '|'}). A key of another shape is returned whole.
     */
    public static String clientKey(String payoutKey) {
        if (payoutKey == null) {
            return null;
        }
        int first = payoutKey.indexOf('|');
        int second = first < 0 ? -1 : payoutKey.indexOf('|', first + 1);
        return second < 0 ? payoutKey : payoutKey.substring(second + 1);
    }
}
