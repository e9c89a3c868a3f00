package com.kobatela.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one load run per request type, as measured by Gatling ({@code responseTimeInMillis}), in
 * HdrHistograms (1 µs..60 s, 3 significant digits), plus error and completed-flow counts. Simulations record
 * into it; {@link BenchMain} reads and resets it between runs (one run at a time).
 */
public final class Recorder {

    /** Counts and latency histogram of one request type. */
    public static final class RequestStats {
        final Histogram micros = new ConcurrentHistogram(1, 60_000_000, 3);
        final LongAdder ok = new LongAdder();
        final LongAdder errors = new LongAdder();
    }

    private static final Map<String, RequestStats> REQUESTS = new ConcurrentHashMap<>();
    private static final LongAdder FLOWS = new LongAdder();

    private Recorder() {
    }

    /**
     * Records one request.
     *
     * @param request   request type, e.g. {@code POST /escrows}
     * @param millis    response time in milliseconds, or a negative value when no response came
     * @param succeeded whether every check passed
     */
    public static void request(String request, long millis, boolean succeeded) {
        RequestStats s = REQUESTS.computeIfAbsent(request, k -> new RequestStats());
        if (succeeded) {
            s.ok.increment();
        } else {
            s.errors.increment();
        }
        if (millis >= 0) {
            s.micros.recordValue(Math.max(1, millis * 1000));
        }
    }

    /** Records one flow that reached its end without error. */
    public static void flowCompleted() {
        FLOWS.increment();
    }

    /** Completed flows since the last reset. */
    static long flows() {
        return FLOWS.sum();
    }

    /** A snapshot of the request stats, by request type. */
    static Map<String, RequestStats> snapshot() {
        return new TreeMap<>(REQUESTS);
    }

    /** Forgets everything (before a run). */
    static void reset() {
        REQUESTS.clear();
        FLOWS.reset();
    }
}
