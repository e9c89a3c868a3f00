package com.kobatela.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Rate limits with in-process buckets (ARCHITECTURE §4): per API key (3 burst) and per client IP on the PSP
 * webhooks (2 burst), one token every 4 s: burst over the limit → 429 RATE_LIMITED with Retry-After and RateLimit-* headers;
 * refill → accepted again; another key has its own bucket.
 */
@QuarkusTest
@TestProfile(RateLimitTestProfile.class)
class RateLimitTest {

    @Test
    void burstOverTheKeyLimitIs429ThenRefills() {
        String key = TestSupport.rawKey("sender");
        String other = TestSupport.rawKey("sender");
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", key).when().get("/escrows/7").then().statusCode(201)
                    .header("RateLimit-Limit", "3").header("RateLimit-Remaining", String.valueOf(2 - i));
        }
        Response refused = given().header("X-API-Key", key).when().get("/escrows/7");
        assertEquals(429, refused.statusCode());
        assertEquals("RATE_LIMITED", refused.jsonPath().getString("error.code"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 4, "Retry-After " + retryAfter);
        assertEquals(retryAfter, refused.jsonPath().getLong("error.details.retry_after_seconds"));
        assertEquals("0", refused.header("RateLimit-Remaining"));
        assertTrue(Long.parseLong(refused.header("RateLimit-Reset")) >= 8, "reset " + refused.header("RateLimit-Reset"));
        assertTrue(refused.header("X-Request-Id") != null);
        // Another key is not affected.
        given().header("X-API-Key", other).when().get("/escrows/7").then().statusCode(201);
        // One token every 4 s: accepted again soon.
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().header("X-API-Key", key).when().get("/escrows/7").statusCode() == 201);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(MetricsText.value(metrics, "kobatela_gateway_rate_limited_total", "kind=\"api_key\"") >= 1, "rate-limited metric");
    }

    @Test
    void webhooksAreLimitedPerClientIp() {
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 4; i++) {
            Response r = given().header("Content-Type", "application/json").body("{\"event\":\"x\"}").when().post("/psp/webhook");
            if (r.statusCode() == 429) {
                refused++;
                given().header("Content-Type", "application/json").body("{}").when().post("/psp/webhook").then()
                        .statusCode(429).body("error.code", equalTo("RATE_LIMITED"));
                break;
            }
            assertEquals(201, r.statusCode());
            accepted++;
        }
        assertTrue(accepted <= 2 && refused == 1, "accepted " + accepted);
    }
}
