package com.kobatela.proof.client;

import java.util.function.Supplier;

/**
 * A value built on first use and kept (thread-safe): the outbound clients of proof-service are created only when
 * a feature that needs them is used, so a feature that is off costs nothing.
 *
 * @param <T> the value type
 */
final class Lazy<T> {

    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    /** The value, built by the first caller. */
    T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = factory.get();
                    value = v;
                }
            }
        }
        return v;
    }

    /** True once built. */
    boolean created() {
        return value != null;
    }

    /** The value if built, else null. */
    T peek() {
        return value;
    }
}
