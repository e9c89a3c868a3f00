package com.kobatela.escrow.domain;

import java.util.Locale;

/** Escrow domains (spec {@code domain.md#8}); wire and column values are lower-case. */
public enum EscrowDomain {
    PRIVATE, PUBLIC, AID;

    /** The wire value ({@code private}, {@code public}, {@code aid}). */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for {@code public} and {@code aid}, which only GOV/ONG users may create (spec {@code rules.md#public-users}). */
    public boolean isPublicSector() {
        return this != PRIVATE;
    }

    /**
     * Parses a wire value (exact lower-case).
     *
     * @return the domain, or null when the value is not one of the three
     */
    public static EscrowDomain fromValue(String value) {
        for (EscrowDomain d : values()) {
            if (d.value().equals(value)) {
                return d;
            }
        }
        return null;
    }
}
