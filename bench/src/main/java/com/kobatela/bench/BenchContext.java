package com.kobatela.bench;

/**
 * Values the flows need besides the feeder rows, set by {@link BenchMain} before the runs and read by the simulations
 * (system properties, because Gatling instantiates simulations itself): the admin key (milestones), the PSP webhook
 * secret (the saga signs the settlement webhook itself) and the certified merchant of the purchase flow.
 */
public final class BenchContext {

    private static final String ADMIN_KEY = "bench.adminKey";
    private static final String WEBHOOK_SECRET = "bench.webhookSecret";
    private static final String MERCHANT = "bench.merchantId";

    private BenchContext() {
    }

    static void set(String adminKey, String webhookSecret, long merchantId) {
        System.setProperty(ADMIN_KEY, adminKey);
        if (webhookSecret != null) {
            System.setProperty(WEBHOOK_SECRET, webhookSecret);
        }
        System.setProperty(MERCHANT, String.valueOf(merchantId));
    }

    /** An admin API key. */
    public static String adminKey() {
        return System.getProperty(ADMIN_KEY);
    }

    /** The PSP webhook secret, or null when the target's secret is unknown (external gateway). */
    public static String webhookSecret() {
        return System.getProperty(WEBHOOK_SECRET);
    }

    /** A certified merchant. */
    public static long merchantId() {
        return Long.getLong(MERCHANT, 0);
    }
}
