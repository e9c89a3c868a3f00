package com.kobatela.escrow.service;

import static com.kobatela.escrow.TestData.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.kobatela.escrow.TestData;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * AC-018 (NEW) and AC-087 with {@code SCHEDULER_ENABLED=true}: the instance takes the scheduler lock, reports it in
 * health, and the scheduled {@code escrow-deadlines} job releases a FUNDED escrow past its deadline without any call.
 */
@QuarkusTest
@TestProfile(ScheduledDeadlineJobTest.SchedulerOn.class)
class ScheduledDeadlineJobTest {

    /** The standard profile with the scheduler on and short intervals. */
    public static class SchedulerOn extends ServiceTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scheduler.enabled", "YES", "kobatela.escrow.deadline-sweep.every", "1s",
                    "kobatela.escrow.deadline-sweep.delay", "1s", "kobatela.jobs.heartbeat", "1s");
        }
    }

    @Test
    void theJobReleasesADueEscrowByItselfWhileHoldingTheLock() {
        long client = TestData.user("private");
        long provider = TestData.user("private");
        String token = TestTokens.sender(TestData.nextId(), client);
        String past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString();
        int id = as(token).body("{\"client_id\": " + client + ", \"provider_id\": " + provider + ", \"amount_total\": \"10.00\", "
                + "\"currency\": \"USD\", \"release_conditions\": {}, \"deadline_at\": \"" + past + "\"}").post("/escrows")
                .then().statusCode(201).extract().path("id");
        as(token).header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"amount\": 10}").post("/escrows/" + id + "/deposit")
                .then().statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "RELEASED".equals(
                TestDb.query("select status from escrow_agreements where id = ?", (long) id).get(0).get("status")));
        assertEquals("system:deadline", TestDb.query("select actor from audit_logs where entity = 'EscrowAgreement' and entity_id = ? "
                + "and action = 'ESCROW_RELEASED'", (long) id).get(0).get("actor"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'scheduler' }.data.config_enabled", equalTo(true))
                .body("checks.find { it.name == 'scheduler' }.data.running", equalTo(true))
                .body("checks.find { it.name == 'scheduler' }.data.lock_status", equalTo("owned_by_self"))
                .body("checks.find { it.name == 'scheduler' }.data.lock_present", equalTo(true))
                .body("checks.find { it.name == 'scheduler' }.data.lock_stale", equalTo(false));
        assertEquals(1, TestDb.count("select count(*) from scheduler_locks where name = 'default'"));
    }
}
