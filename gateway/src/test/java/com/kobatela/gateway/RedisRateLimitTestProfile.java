package com.kobatela.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@link RateLimitTestProfile} with the buckets in the Redis at 127.0.0.1:6379 under a fresh key prefix per test
 * run (kept in a JVM system property: this class is loaded by more than one class loader).
 */
public class RedisRateLimitTestProfile extends RateLimitTestProfile {

    /** The key prefix of this run. */
    public static String prefix() {
        synchronized (System.class) {
            String name = "kobatela.test.redis-prefix";
            String value = System.getProperty(name);
            if (value == null) {
                value = "kobatela-test:" + UUID.randomUUID() + ":";
                System.setProperty(name, value);
            }
            return value;
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = new HashMap<>(super.getConfigOverrides());
        m.put("kobatela.rate-limit.backend", "redis");
        m.put("kobatela.rate-limit.redis-prefix", prefix());
        m.put("quarkus.redis.hosts", "redis://127.0.0.1:6379");
        return m;
    }
}
