package com.kobatela.reliability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Secret and personal values that the suite handled, for the secrets family to look for where they must not be. */
final class Sensitive {

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private Sensitive() {
    }

    /** Remembers a raw API key, secret or personal value (ignored when shorter than 8 characters). */
    static String add(String value) {
        if (value != null && value.length() >= 8) {
            VALUES.add(value);
        }
        return value;
    }

    static Set<String> all() {
        return Set.copyOf(VALUES);
    }
}
