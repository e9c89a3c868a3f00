package com.kobatela.kernel.security;

import java.util.Locale;

/**
 * API key scopes (spec {@code domain.md#8}, {@code rules.md#authorization}). {@code admin} passes every scope
 * check. The internal JWT carries the scope name in {@code groups}, so services guard endpoints with
 * {@code @RolesAllowed({Scope.SENDER_ROLE, Scope.ADMIN_ROLE})}.
 */
public enum Scope {
    SENDER, SUPPORT, ADMIN;

    public static final String SENDER_ROLE = "sender";
    public static final String SUPPORT_ROLE = "support";
    public static final String ADMIN_ROLE = "admin";

    /** The wire value ({@code sender}, {@code support}, {@code admin}). */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire value (exact lower-case).
     *
     * @throws IllegalArgumentException for any other value
     */
    public static Scope fromValue(String value) {
        for (Scope s : values()) {
            if (s.value().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope: " + value);
    }

    /** True when this scope passes a check that allows {@code allowed}; admin passes everything. */
    public boolean satisfies(java.util.Collection<Scope> allowed) {
        return this == ADMIN || allowed.contains(this);
    }
}
