package com.kobatela.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.kobatela.gateway.config.RateLimitConfig;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Token-bucket rate limits of the gateway (ARCHITECTURE §4): one bucket per API key for authenticated calls, one per
 * client IP for PSP webhooks ({@link RateLimitConfig}). With {@code backend=redis} the bucket lives in Redis and is
 * updated atomically by a Lua script using the Redis server's clock, so every replica shares it; if Redis fails,
 * the call is decided by this replica's in-process bucket (never refused, never let through unlimited because of
 * Redis), and {@code kobatela_gateway_rate_limit_fallbacks_total} counts it. Refused calls are counted by the
 * caller ({@code kobatela_gateway_rate_limited_total}).
 */
@ApplicationScoped
public class RateLimiter {

    /** Bucket kinds, also the {@code kind} tag of the metrics. */
    public enum Kind {
        API_KEY("api_key"), WEBHOOK_IP("webhook_ip");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        /** Metric tag value. */
        public String tag() {
            return tag;
        }
    }

    /**
     * KEYS[1] bucket; ARGV[1] capacity, ARGV[2] refill per second. Returns {allowed (0/1), tokens left (string)}.
     * The bucket expires once it would be full again (plus one second).
     */
    public static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local capacity = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2])
            local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(b[1])
            local ts = tonumber(b[2])
            if tokens == nil or ts == nil then
              tokens = capacity
              ts = now
            end
            tokens = math.min(capacity, tokens + math.max(0, now - ts) / 1000 * rate)
            local allowed = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(math.max(now, ts)))
            redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate * 1000) + 1000)
            return {allowed, tostring(tokens)}
            """;

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    @Inject
    RateLimitConfig config;

    @Inject
    Instance<ReactiveRedisDataSource> redis;

    @Inject
    MeterRegistry registry;

    private InMemoryBuckets memory;
    private final AtomicLong lastFallbackLog = new AtomicLong();

    @PostConstruct
    void init() {
        double slowest = Math.min(config.apiKey().refillPerSecond(), config.webhook().refillPerSecond());
        int largest = Math.max(config.apiKey().capacity(), config.webhook().capacity());
        memory = new InMemoryBuckets(Duration.ofMillis((long) Math.ceil(largest / slowest * 1000) + 1000));
        if (config.enabled()) {
            LOG.infof("rate limits: %s backend; per API key %d burst, %.1f/s; per webhook IP %d burst, %.1f/s", config.backend(),
                    config.apiKey().capacity(), config.apiKey().refillPerSecond(), config.webhook().capacity(),
                    config.webhook().refillPerSecond());
        }
    }

    /** True when rate limits are on. */
    public boolean enabled() {
        return config.enabled();
    }

    /**
     * Takes one token from the bucket of {@code subject} (API key id, or client IP).
     *
     * @return the decision; never fails
     */
    public Uni<Decision> take(Kind kind, String subject) {
        RateLimitConfig.Bucket bucket = kind == Kind.API_KEY ? config.apiKey() : config.webhook();
        String key = kind.tag() + ":" + subject;
        if (!"redis".equalsIgnoreCase(config.backend())) {
            return Uni.createFrom().item(() -> memory.take(key, bucket.capacity(), bucket.refillPerSecond(), System.currentTimeMillis()));
        }
        return Uni.createFrom().deferred(() -> redis.get().execute("EVAL", SCRIPT, "1", config.redisPrefix() + key,
                Integer.toString(bucket.capacity()), Double.toString(bucket.refillPerSecond())))
                .ifNoItem().after(Duration.ofMillis(500)).fail()
                .map(r -> fromRedis(r, bucket))
                .onFailure().recoverWithItem(e -> {
                    registry.counter("kobatela.gateway.rate.limit.fallbacks").increment();
                    long now = System.currentTimeMillis();
                    long last = lastFallbackLog.get();
                    if (now - last > 10_000 && lastFallbackLog.compareAndSet(last, now)) {
                        LOG.warnf("rate limit store unavailable, deciding in process: %s", e.toString());
                    }
                    return memory.take(key, bucket.capacity(), bucket.refillPerSecond(), now);
                });
    }

    private static Decision fromRedis(Response r, RateLimitConfig.Bucket bucket) {
        boolean allowed = r.get(0).toInteger() == 1;
        double tokens = Double.parseDouble(r.get(1).toString());
        return TokenBucket.decision(allowed, tokens, bucket.capacity(), bucket.refillPerSecond());
    }
}
