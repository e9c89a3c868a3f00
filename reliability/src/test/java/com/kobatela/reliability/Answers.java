package com.kobatela.reliability;

import java.util.Set;

/** Answers the spec documents that look like server errors but are not: switched-off features. */
final class Answers {

    /** The spec's answers of switched-off features ([BEYOND SEED SCOPE] Stripe): a documented 503, not a failure. */
    private static final Set<String> DISABLED_FEATURES = Set.of("STRIPE_FUNDING_DISABLED", "STRIPE_CONNECT_DISABLED", "STRIPE_DISABLED");

    private Answers() {
    }

    /** True for a 5xx that is not an error of ours: 503 with the code of a switched-off feature. */
    static boolean isDocumented(int status, String code) {
        return status == 503 && DISABLED_FEATURES.contains(code);
    }
}
