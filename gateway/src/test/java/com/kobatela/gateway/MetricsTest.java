package com.kobatela.gateway;

import static com.kobatela.gateway.TestSupport.adminKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code /q/metrics} (Prometheus) and readiness after a flow: each custom metric of the gateway moves (auth
 * failures by reason, outbox published/backlog/lag, upstream unavailability and the circuit breaker), and
 * {@code /q/health/ready} reports the outbox.
 */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class MetricsTest {

    private static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void authFailuresAreCountedByReason() {
        String before = scrape();
        given().when().get("/escrows/1").then().statusCode(401);
        given().header("X-API-Key", "koba_000000.not-a-key").when().get("/escrows/1").then().statusCode(401);
        given().header("X-API-Key", TestSupport.rawKey("support")).when().post("/escrows").then().statusCode(403);
        given().header("X-API-Key", GatewayTestProfile.LEGACY_KEY).when().get("/escrows/1").then().statusCode(401);
        String after = scrape();
        for (String reason : List.of("no_api_key", "unauthorized", "insufficient_scope", "legacy_key_forbidden")) {
            String labels = "reason=\"" + reason + "\"";
            double delta = MetricsText.value(after, "kobatela_gateway_auth_failures_total", labels)
                    - MetricsText.value(before, "kobatela_gateway_auth_failures_total", labels);
            assertTrue(delta >= 1, reason + " moved by " + delta);
        }
        assertTrue(after.contains("application=\"gateway\""), "meters carry the application tag");
    }

    @Test
    void outboxMetricsMoveAndReadinessReportsTheOutbox() {
        double published = MetricsText.value(scrape(), "kobatela_outbox_published_total", "");
        TestSupport.createUser(); // UserRegistered through the outbox
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> MetricsText.value(scrape(), "kobatela_outbox_published_total", "") > published);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String m = scrape();
            return MetricsText.has(m, "kobatela_outbox_backlog") && MetricsText.has(m, "kobatela_outbox_lag_seconds")
                    && MetricsText.value(m, "kobatela_outbox_backlog", "") == 0.0;
        });
        List<Map<String, Object>> checks = given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP")).extract().jsonPath().getList("checks");
        Map<String, Object> outbox = checks.stream().filter(c -> "outbox".equals(c.get("name"))).findFirst().orElseThrow();
        assertTrue(((Map<?, ?>) outbox.get("data")).containsKey("backlog"), outbox.toString());
        assertTrue(checks.stream().anyMatch(c -> String.valueOf(c.get("name")).toLowerCase().contains("kafka")), "Kafka in readiness: " + checks);
    }

    @Test
    void aDownUpstreamOpensItsCircuitBreaker() {
        String key = adminKey();
        // spend-service points at a closed port: refused, then (4 calls in tests) the breaker opens.
        for (int i = 0; i < 4; i++) {
            given().header("X-API-Key", key).when().get("/alerts").then().statusCode(503).body("error.code", equalTo("SERVICE_UNAVAILABLE"));
        }
        long start = System.nanoTime();
        given().header("X-API-Key", key).when().get("/alerts").then().statusCode(503).body("error.code", equalTo("SERVICE_UNAVAILABLE"));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1_000, "an open breaker answers at once");
        String m = scrape();
        assertTrue(MetricsText.value(m, "kobatela_gateway_upstream_unavailable_total", "reason=\"refused\"") >= 1, "refused counted");
        assertTrue(MetricsText.value(m, "kobatela_gateway_upstream_unavailable_total", "reason=\"circuit_open\"") >= 1, "circuit open counted");
        // Other upstreams are not affected.
        given().header("X-API-Key", key).when().get("/escrows/7").then().statusCode(201);
    }
}
