package com.kobatela.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram recorded in microseconds, reported in milliseconds (3 decimals). */
final class Latency {

    private Latency() {
    }

    /** {@code {count, p50_ms, p95_ms, p99_ms, max_ms}}; zeros when empty. */
    static Map<String, Object> summary(Histogram micros) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", micros.getTotalCount());
        m.put("p50_ms", ms(micros.getValueAtPercentile(50)));
        m.put("p95_ms", ms(micros.getValueAtPercentile(95)));
        m.put("p99_ms", ms(micros.getValueAtPercentile(99)));
        m.put("max_ms", ms(micros.getMaxValue()));
        return m;
    }

    static double ms(long micros) {
        return Math.round(micros / 1.0) / 1000.0;
    }
}
