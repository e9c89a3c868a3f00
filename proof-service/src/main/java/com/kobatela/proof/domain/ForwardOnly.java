package com.kobatela.proof.domain;

import java.util.function.ToIntFunction;

/**
 * Status changes of a read model that may only go forward in a lifecycle, so that replayed or late events are
 * harmless. Pure function.
 */
final class ForwardOnly {

    private ForwardOnly() {
    }

    /**
     * True when {@code next} is further than {@code current}.
     *
     * @param rank position of a (non-null) status in the lifecycle
     */
    static boolean moves(String current, String next, ToIntFunction<String> rank) {
        return next != null && (current == null || rank.applyAsInt(next) > rank.applyAsInt(current));
    }
}
