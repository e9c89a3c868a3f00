package com.kobatela.escrow;

import static com.kobatela.escrow.Fixtures.outbox;
import static com.kobatela.escrow.TestData.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.escrow.Fixtures.Party;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The milestones API (spec {@code api.md#3.8}-{@code #3.10}): AC-026, AC-027, validation, ownership, concurrent creations. */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class MilestoneApiTest {

    private static String body(int idx, String amount, String currency) {
        return "{\"label\": \"Phase " + idx + "\", \"amount\": \"" + amount + "\", \"currency\": \"" + currency + "\", \"sequence_index\": " + idx + "}";
    }

    @Test
    void createListAndRead() throws Exception {
        Party p = Fixtures.party();
        long e = Fixtures.escrow(p, "100.00");
        int mid = as(Fixtures.admin()).body("{\"label\": \"Phase 1\", \"amount\": \"100.00\", \"currency\": \"USD\", \"sequence_index\": 1, "
                + "\"proof_kind\": \"PHOTO\", \"proof_requirements\": {\"gps_required\": true, \"expected_currency\": \"USD\"}, "
                + "\"geofence_lat\": 5.321, \"geofence_lng\": -4.0123, \"geofence_radius_m\": 400}")
                .post("/escrows/" + e + "/milestones").then().statusCode(201)
                .body("sequence_index", equalTo(1)).body("amount", equalTo("100.00")).body("status", equalTo("WAITING"))
                .body("escrow_id", equalTo((int) e)).body("currency", equalTo("USD")).body("proof_kind", equalTo("PHOTO"))
                .body("proof_requirements.gps_required", equalTo(true)).body("geofence_radius_m", equalTo(400.0f))
                .body("validator", equalTo("SENDER"))
                .extract().path("id");
        as(p.token()).get("/escrows/" + e + "/milestones").then().statusCode(200).body("$", hasSize(1))
                .body("[0].label", equalTo("Phase 1")).body("[0].id", equalTo(mid));
        as(p.token()).get("/escrows/milestones/" + mid).then().statusCode(200).body("id", equalTo(mid))
                .body("sequence_index", equalTo(1)).body("proof_requirements.expected_currency", equalTo("USD"));

        List<String> created = outbox(e, "escrow.milestone-created.v1");
        assertEquals(1, created.size());
        JsonNode ev = new ObjectMapper().readTree(created.get(0));
        assertEquals(mid, ev.get("milestone_id").asInt());
        assertEquals(1, ev.get("idx").asInt());
        assertEquals("100.00", ev.get("amount").asText());
        assertEquals("PHOTO", ev.get("proof_type").asText());
        assertEquals("WAITING", ev.get("status").asText());
        assertEquals(400.0, ev.get("geofence_radius_m").asDouble());
        assertTrue(ev.get("proof_requirements").get("gps_required").asBoolean());
        assertEquals(List.of("MILESTONE_CREATED"), Fixtures.audits("Milestone", mid));
    }

    @Test
    void defaultsAndListOrder() {
        Party p = Fixtures.party();
        long e = Fixtures.escrow(p, "500.00");
        as(Fixtures.admin()).body("{\"label\": \"Second\", \"amount\": 20, \"currency\": \"usd\", \"sequence_index\": 5, \"proof_kind\": \"PDF\"}")
                .post("/escrows/" + e + "/milestones").then().statusCode(201).body("currency", equalTo("USD"))
                .body("proof_requirements", equalTo(java.util.Map.of())).body("geofence_lat", nullValue());
        Fixtures.milestone(e, 2, "33.335");
        as(p.token()).get("/escrows/" + e + "/milestones").then().statusCode(200)
                .body("sequence_index", equalTo(List.of(2, 5))).body("amount", equalTo(List.of("33.34", "20.00")))
                .body("proof_kind", equalTo(List.of("PHOTO", "PDF")));
    }

    @Test
    void businessErrors() {
        Party p = Fixtures.party();
        long e = Fixtures.escrow(p, "500.00");
        String admin = Fixtures.admin();
        as(admin).body(body(1, "600.00", "USD")).post("/escrows/" + e + "/milestones").then().statusCode(400)
                .body("error.code", equalTo("MILESTONE_TOTAL_EXCEEDS_ESCROW"));
        as(admin).body(body(1, "100.00", "EUR")).post("/escrows/" + e + "/milestones").then().statusCode(400)
                .body("error.code", equalTo("MILESTONE_CURRENCY_MISMATCH"));
        as(admin).body(body(1, "400.00", "USD")).post("/escrows/" + e + "/milestones").then().statusCode(201);
        as(admin).body(body(1, "50.00", "USD")).post("/escrows/" + e + "/milestones").then().statusCode(400)
                .body("error.code", equalTo("MILESTONE_SEQUENCE_EXISTS"));
        as(admin).body(body(2, "100.01", "USD")).post("/escrows/" + e + "/milestones").then().statusCode(400)
                .body("error.code", equalTo("MILESTONE_TOTAL_EXCEEDS_ESCROW"));
        as(admin).body(body(2, "100.00", "USD")).post("/escrows/" + e + "/milestones").then().statusCode(201);
        as(p.token()).body(body(3, "1.00", "USD")).post("/escrows/" + e + "/milestones").then().statusCode(403)
                .body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        as(TestTokens.support(TestData.nextId())).body(body(3, "1.00", "USD")).post("/escrows/" + e + "/milestones").then().statusCode(403);
        as(admin).body(body(1, "1.00", "USD")).post("/escrows/999999999/milestones").then().statusCode(404)
                .body("error.code", equalTo("ESCROW_NOT_FOUND"));
        as(p.token()).get("/escrows/milestones/999999999").then().statusCode(404).body("error.code", equalTo("MILESTONE_NOT_FOUND"));
        as(p.token()).get("/escrows/999999999/milestones").then().statusCode(404).body("error.code", equalTo("ESCROW_NOT_FOUND"));
        assertEquals(2, TestDb.count("select count(*) from milestones where escrow_id = ?", e));
    }

    @Test
    void validationErrorsNameTheField() {
        Party p = Fixtures.party();
        long e = Fixtures.escrow(p, "500.00");
        String admin = Fixtures.admin();
        String[][] cases = {
            {"{\"amount\": \"1.00\", \"currency\": \"USD\", \"sequence_index\": 1}", "label"},
            {"{\"label\": \"  \", \"amount\": \"1.00\", \"currency\": \"USD\", \"sequence_index\": 1}", "label"},
            {"{\"label\": \"" + "x".repeat(201) + "\", \"amount\": \"1.00\", \"currency\": \"USD\", \"sequence_index\": 1}", "label"},
            {"{\"label\": \"a\", \"currency\": \"USD\", \"sequence_index\": 1}", "amount"},
            {"{\"label\": \"a\", \"amount\": 0, \"currency\": \"USD\", \"sequence_index\": 1}", "amount"},
            {"{\"label\": \"a\", \"amount\": \"0.004\", \"currency\": \"USD\", \"sequence_index\": 1}", "amount"},
            {"{\"label\": \"a\", \"amount\": -5, \"currency\": \"USD\", \"sequence_index\": 1}", "amount"},
            {"{\"label\": \"a\", \"amount\": \"abc\", \"currency\": \"USD\", \"sequence_index\": 1}", "amount"},
            {"{\"label\": \"a\", \"amount\": 1, \"currency\": \"US\", \"sequence_index\": 1}", "currency"},
            {"{\"label\": \"a\", \"amount\": 1, \"sequence_index\": 1}", "currency"},
            {"{\"label\": \"a\", \"amount\": 1, \"currency\": \"USD\"}", "sequence_index"},
            {"{\"label\": \"a\", \"amount\": 1, \"currency\": \"USD\", \"sequence_index\": 0}", "sequence_index"},
            {"{\"label\": \"a\", \"amount\": 1, \"currency\": \"USD\", \"sequence_index\": 1, \"proof_kind\": \"\"}", "proof_kind"},
            {"{\"label\": \"a\", \"amount\": 1, \"currency\": \"USD\", \"sequence_index\": 1, \"proof_requirements\": [1]}", "proof_requirements"},
            {"{\"label\": \"a\", \"amount\": 1, \"currency\": \"USD\", \"sequence_index\": 1, \"geofence_lat\": 5}", "geofence_lng"},
            {"{\"label\": \"a\", \"amount\": 1, \"currency\": \"USD\", \"sequence_index\": 1, \"geofence_lng\": 5, \"geofence_radius_m\": 5}", "geofence_lat"},
            {"{\"label\": \"a\", \"amount\": 1, \"currency\": \"USD\", \"sequence_index\": 1, \"geofence_lat\": 91, \"geofence_lng\": 0, \"geofence_radius_m\": 1}", "geofence_lat"},
            {"{\"label\": \"a\", \"amount\": 1, \"currency\": \"USD\", \"sequence_index\": 1, \"geofence_lat\": 0, \"geofence_lng\": -180.5, \"geofence_radius_m\": 1}", "geofence_lng"},
            {"{\"label\": \"a\", \"amount\": 1, \"currency\": \"USD\", \"sequence_index\": 1, \"geofence_lat\": 0, \"geofence_lng\": 0, \"geofence_radius_m\": -1}", "geofence_radius_m"},
            {"{\"label\": \"a\", \"amount\": 1, \"currency\": \"USD\", \"sequence_index\": 1, \"colour\": \"red\"}", "colour"},
        };
        for (String[] c : cases) {
            as(admin).body(c[0]).post("/escrows/" + e + "/milestones").then().statusCode(422)
                    .body("error.code", equalTo("VALIDATION_ERROR")).body("error.field", equalTo(c[1]));
        }
        as(admin).body(body(1, "1.00", "USD").replace("}", ", \"geofence_lat\": -90, \"geofence_lng\": 180, \"geofence_radius_m\": 0}"))
                .post("/escrows/" + e + "/milestones").then().statusCode(201);
        assertEquals(1, TestDb.count("select count(*) from milestones where escrow_id = ?", e));
    }

    @Test
    void foreignSendersSeeNothingAndTheMilestonePathIsNotAnEscrowId() {
        Party owner = Fixtures.party();
        Party other = Fixtures.party();
        long e = Fixtures.escrow(owner, "100.00");
        long mid = Fixtures.milestone(e, 1, "10.00");
        long readsBefore = TestDb.count("select count(*) from audit_logs where action = 'ESCROW_READ'");
        as(other.token()).get("/escrows/" + e + "/milestones").then().statusCode(404).body("error.code", equalTo("ESCROW_NOT_FOUND"));
        as(other.token()).get("/escrows/milestones/" + mid).then().statusCode(404).body("error.code", equalTo("MILESTONE_NOT_FOUND"));
        as(TestTokens.support(TestData.nextId())).get("/escrows/" + e + "/milestones").then().statusCode(403);
        as(Fixtures.admin()).get("/escrows/milestones/" + mid).then().statusCode(200).body("escrow_id", equalTo((int) e))
                .body("label", equalTo("Phase 1")).body("sequence_index", equalTo(1));
        as(owner.token()).get("/escrows/milestones").then().statusCode(404);
        assertEquals(readsBefore, TestDb.count("select count(*) from audit_logs where action = 'ESCROW_READ'"),
                "no milestone read went through GET /escrows/{id}");
    }

    /** Ten concurrent creations on one escrow; each result is {@code 201} or {@code <status>:<error code>}. */
    private static List<String> tenConcurrent(long escrowId, java.util.function.IntFunction<String> bodyOf) throws Exception {
        String admin = Fixtures.admin();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                String body = bodyOf.apply(i);
                calls.add(() -> {
                    var r = as(admin).body(body).post("/escrows/" + escrowId + "/milestones").then().extract();
                    return r.statusCode() == 201 ? "201" : r.statusCode() + ":" + r.path("error.code");
                });
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tenConcurrentCreationsNeverExceedTheTotal() throws Exception {
        long e = Fixtures.escrow(Fixtures.party(), "100.00");
        List<String> results = tenConcurrent(e, idx -> body(idx, "30.00", "USD"));
        assertEquals(3, results.stream().filter("201"::equals).count(), results.toString());
        assertEquals(7, results.stream().filter("400:MILESTONE_TOTAL_EXCEEDS_ESCROW"::equals).count(), results.toString());
        assertEquals(new BigDecimal("90.00"), TestDb.query("select sum(amount) as s from milestones where escrow_id = ?", e).get(0).get("s"));
        assertEquals(3, outbox(e, "escrow.milestone-created.v1").size());
    }

    @Test
    void tenConcurrentCreationsOfOneIndexMakeOneMilestone() throws Exception {
        long e = Fixtures.escrow(Fixtures.party(), "100.00");
        List<String> results = tenConcurrent(e, idx -> body(1, "5.00", "USD"));
        assertEquals(1, results.stream().filter("201"::equals).count(), results.toString());
        assertEquals(9, results.stream().filter("400:MILESTONE_SEQUENCE_EXISTS"::equals).count(), results.toString());
        assertEquals(1, TestDb.count("select count(*) from milestones where escrow_id = ?", e));
    }
}
