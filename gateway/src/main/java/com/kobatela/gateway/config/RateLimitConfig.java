package com.kobatela.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Rate limits of the gateway ({@code kobatela.rate-limit.*}, ARCHITECTURE §4): token buckets per API key and per
 * client IP on the PSP webhooks. {@code backend=redis} shares the buckets of every gateway replica through Redis
 * ({@code quarkus.redis.hosts}); {@code memory} (default) keeps them in this process.
 */
@ConfigMapping(prefix = "kobatela.rate-limit")
public interface RateLimitConfig {

    /** Off switch (on by default). */
    @WithDefault("true")
    boolean enabled();

    /** {@code memory} or {@code redis}. */
    @WithDefault("memory")
    String backend();

    /** Prefix of the Redis keys (one hash per bucket, expiring when full). */
    @WithDefault("kobatela:ratelimit:")
    String redisPrefix();

    /** Buckets of authenticated calls, one per API key. */
    Bucket apiKey();

    /** Buckets of PSP webhooks, one per client IP. */
    Bucket webhook();

    /** One kind of bucket. */
    interface Bucket {
        /** Burst size: the most calls accepted at once. */
        @WithDefault("100")
        int capacity();

        /** Refill rate, in tokens per second. */
        @WithDefault("20")
        double refillPerSecond();
    }
}
