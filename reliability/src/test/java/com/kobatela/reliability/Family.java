package com.kobatela.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A family of reliability cases (e.g. {@code internal-jwt}): counts the cases tried and the failures, keeps the
 * first failure descriptions, and prints one summary line per family at the end of the run
 * ({@link SummaryListener}). A test asserts {@link #failures()} is zero after its cases, so a failure both fails the
 * build and is counted.
 */
final class Family {

    private static final Map<String, Family> ALL = new ConcurrentHashMap<>();

    private final String name;
    private final AtomicLong tried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> firstFailures = new ArrayList<>();

    private Family(String name) {
        this.name = name;
    }

    /** The family called {@code name}. */
    static Family of(String name) {
        return ALL.computeIfAbsent(name, Family::new);
    }

    /**
     * Records one case.
     *
     * @param ok          whether it behaved as required
     * @param description what was tried and what came back (kept for the first 20 failures)
     */
    void check(boolean ok, String description) {
        tried.incrementAndGet();
        if (!ok) {
            failed.incrementAndGet();
            synchronized (firstFailures) {
                if (firstFailures.size() < 20) {
                    firstFailures.add(description);
                }
            }
        }
    }

    long failures() {
        return failed.get();
    }

    /** The failures recorded so far, for assertion messages. */
    String failureReport() {
        synchronized (firstFailures) {
            return name + ": " + failed.get() + " of " + tried.get() + " cases failed; first ones:\n  " + String.join("\n  ", firstFailures);
        }
    }

    String summaryLine() {
        return String.format("[reliability] %-22s cases tried=%-6d failures=%d", name, tried.get(), failed.get());
    }

    /** Every family, in name order. */
    static List<Family> all() {
        return ALL.values().stream().sorted((a, b) -> a.name.compareTo(b.name)).toList();
    }
}
