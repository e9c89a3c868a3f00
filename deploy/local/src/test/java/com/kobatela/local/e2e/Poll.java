package com.kobatela.local.e2e;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;

/**
 * Polling with a deadline (Awaitility), for results that converge asynchronously. Never sleep a fixed
 * time in a test: poll.
 */
public final class Poll {

    /** Interval between attempts. */
    public static final Duration INTERVAL = Duration.ofMillis(200);

    private Poll() {
    }

    /**
     * Calls {@code supplier} until it returns a non-null value (exceptions count as "not yet").
     *
     * @return the first non-null value
     * @throws org.awaitility.core.ConditionTimeoutException when the deadline passes
     */
    public static <T> T poll(Duration deadline, Callable<T> supplier) {
        return poll(deadline, supplier, Objects::nonNull);
    }

    /**
     * Calls {@code supplier} until its value satisfies {@code until} (exceptions count as "not yet").
     *
     * @return the first satisfying value
     */
    public static <T> T poll(Duration deadline, Callable<T> supplier, Predicate<? super T> until) {
        return Awaitility.await()
                .atMost(deadline)
                .pollDelay(Duration.ZERO)
                .pollInterval(INTERVAL)
                .ignoreExceptions()
                .until(supplier, until::test);
    }

    /** Runs {@code assertion} until it passes; the last failure is reported on timeout. */
    public static void pollAsserted(Duration deadline, ThrowingRunnable assertion) {
        Awaitility.await()
                .atMost(deadline)
                .pollDelay(Duration.ZERO)
                .pollInterval(INTERVAL)
                .untilAsserted(assertion);
    }
}
