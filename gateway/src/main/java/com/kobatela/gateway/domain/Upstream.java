package com.kobatela.gateway.domain;

import java.util.Locale;

/** Where a public route is served (spec {@code README.md#proposed-split-across-services}). */
public enum Upstream {
    /** Served by the gateway itself (users, API keys, health, unrouted paths). */
    LOCAL,
    ESCROW,
    SPEND,
    PROOF,
    PAYMENT;

    /** Lower-case name, as in configuration ({@code kobatela.upstream.<name>.url}) and in {@code /health}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
