package com.kobatela.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Token buckets held in this process (Caffeine cache; a bucket idle for longer than it takes to fill up is
 * dropped, which is the same as full). Used when no Redis is configured, and as the fallback when Redis fails.
 */
public final class InMemoryBuckets {

    private static final class Bucket {
        double tokens;
        long lastMs;
    }

    private final Cache<String, Bucket> buckets;

    /**
     * @param idle how long an unused bucket is kept (at least the time it takes to refill completely)
     */
    public InMemoryBuckets(Duration idle) {
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Math.max(1, idle.toMillis()), TimeUnit.MILLISECONDS)
                .maximumSize(1_000_000).build();
    }

    /** Takes a token from bucket {@code key}. Thread-safe. */
    public Decision take(String key, int capacity, double refillPerSecond, long nowMs) {
        Bucket b = buckets.get(key, k -> {
            Bucket fresh = new Bucket();
            fresh.tokens = capacity;
            fresh.lastMs = nowMs;
            return fresh;
        });
        synchronized (b) {
            double tokens = TokenBucket.refill(b.tokens, b.lastMs, nowMs, capacity, refillPerSecond);
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            b.tokens = tokens;
            b.lastMs = Math.max(b.lastMs, nowMs);
            return TokenBucket.decision(allowed, tokens, capacity, refillPerSecond);
        }
    }
}
