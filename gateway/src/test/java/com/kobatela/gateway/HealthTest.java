package com.kobatela.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.isOneOf;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** AC-001: {@code GET /health} is public and carries every spec field plus the upstreams' readiness. */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class HealthTest {

    @Test
    void healthPayload() {
        given().when().get("/health").then().statusCode(200)
                .body("status", isOneOf("ok", "degraded"))
                .body("db_ok", equalTo(true))
                .body("db_status", equalTo("ok"))
                .body("migrations_ok", equalTo(true))
                .body("migrations_status", equalTo("up_to_date"))
                .body("psp_webhook_secret_status", equalTo("missing"))
                .body("psp_webhook_secret_fingerprints", hasKey("primary"))
                .body("psp_webhook_secret_fingerprints", hasKey("next"))
                .body("scheduler_config_enabled", equalTo(false))
                .body("scheduler_running", equalTo(false))
                .body("scheduler_lock.status", equalTo("none"))
                .body("ai_metrics", hasKey("calls"))
                .body("ai_stats", hasKey("errors"))
                .body("ocr_metrics", hasKey("calls"))
                .body("stripe", hasKey("enabled"))
                .body("features.kct_public.enabled", equalTo(true))
                // The fake upstream answers 201 to /q/health/ready, spend points at a closed port: both not ready.
                .body("services.spend-service.ready", equalTo(false))
                .body("services.escrow-service", hasKey("ready"))
                .body("status", equalTo("degraded"));
    }

    @Test
    void probesStayPublic() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
