package com.kobatela.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.kobatela.local.Service;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The stack starts and every part of it reports ready. */
class StackSmokeTest extends E2eTestBase {

    @Test
    void everyServiceIsReady() {
        assertFalse(stack().services().isEmpty());
        for (Service s : stack().services()) {
            E2eHttp.Result ready = new E2eHttp(stack().serviceUrl(s)).get("/q/health/ready");
            assertEquals(200, ready.status(), s.id() + " /q/health/ready: " + ready.body());
            assertEquals("UP", ready.json().path("status").asText(), s.id());
        }
    }

    @Test
    void gatewayHealthAggregatesTheServices() {
        org.junit.jupiter.api.Assumptions.assumeTrue(stack().services().contains(Service.GATEWAY),
                "gateway not part of this run (kobatela.e2e.services)");
        // The aggregate may lag a moment behind the services' own readiness.
        E2eHttp.Result health = Poll.poll(Duration.ofSeconds(30), () -> gateway().get("/health"),
                r -> r.status() == 200);
        assertEquals(200, health.status(), health.body());
        assertFalse(stack().adminKey().isBlank());
    }
}
