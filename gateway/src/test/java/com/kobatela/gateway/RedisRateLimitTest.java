package com.kobatela.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kobatela.gateway.ratelimit.RateLimiter;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Rate limits shared through the real Redis at 127.0.0.1:6379 (skipped by assumption when none runs there): a
 * second gateway replica taking tokens from the same bucket (the same Lua script on the same key) leaves this one
 * only what remains, and the bucket refills for both.
 */
@QuarkusTest
@TestProfile(RedisRateLimitTestProfile.class)
class RedisRateLimitTest {

    @Inject
    ReactiveRedisDataSource redis;

    @BeforeEach
    void redisRuns() {
        boolean up;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 6379), 500);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        assumeTrue(up, "no Redis at 127.0.0.1:6379");
    }

    @Test
    void twoReplicasShareTheBudget() {
        Map<String, Object> created = TestSupport.createKey("sender", null);
        String key = (String) created.get("key");
        long id = ((Number) created.get("id")).longValue();
        // "Replica B" takes two of the three tokens of this key's bucket.
        for (int i = 0; i < 2; i++) {
            int allowed = redis.execute("EVAL", RateLimiter.SCRIPT, "1", RedisRateLimitTestProfile.prefix() + "api_key:" + id, "3", "0.25")
                    .await().atMost(Duration.ofSeconds(5)).get(0).toInteger();
            assertEquals(1, allowed);
        }
        // This replica gets what is left: one call, then 429.
        given().header("X-API-Key", key).when().get("/escrows/7").then().statusCode(201).header("RateLimit-Remaining", "0");
        long retryAfter = Long.parseLong(given().header("X-API-Key", key).when().get("/escrows/7").then().statusCode(429)
                .extract().header("Retry-After"));
        assertEquals(true, retryAfter >= 1 && retryAfter <= 4, "Retry-After " + retryAfter);
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().header("X-API-Key", key).when().get("/escrows/7").statusCode() == 201);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(0.0, MetricsText.value(metrics, "kobatela_gateway_rate_limit_fallbacks_total", ""), "Redis answered every time");
    }
}
