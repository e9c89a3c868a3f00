package com.kobatela.escrow;

import static com.kobatela.escrow.Fixtures.audits;
import static com.kobatela.escrow.Fixtures.kinds;
import static com.kobatela.escrow.Fixtures.outbox;
import static com.kobatela.escrow.TestData.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.kobatela.escrow.Fixtures.Party;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * mark-delivered, client-approve, client-reject, check-deadline (spec {@code api.md#3.3}-{@code #3.6},
 * {@code domain.md#9.1}): AC-014, AC-016, AC-017, AC-018, AC-073, every error code, and concurrent transitions.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class EscrowLifecycleTest {

    private static final String ENTITY = "EscrowAgreement";

    private static String post(Party p, long id, String action, String body, int status) {
        var req = as(p.token());
        if (body != null) {
            req = req.body(body);
        }
        return req.post("/escrows/" + id + "/" + action).then().statusCode(status).extract().path(status == 200 ? "status" : "error.code");
    }

    @Test
    void happyPathWithAuditsEventsAndOutbox() {
        Party p = Fixtures.party();
        long id = Fixtures.escrow(p, "500.00");
        as(p.token()).header("Idempotency-Key", "deposit-key").body("{\"amount\": 500.0}").post("/escrows/" + id + "/deposit")
                .then().statusCode(200).body("status", equalTo("FUNDED"));
        as(p.token()).body("{\"note\": \"proof uploaded\", \"proof_url\": \"http://example.com/proof\"}").post("/escrows/" + id + "/mark-delivered")
                .then().statusCode(200).body("status", equalTo("RELEASABLE")).body("amount_total", equalTo("500.00"));
        as(p.token()).body("{\"note\": \"looks good\"}").post("/escrows/" + id + "/client-approve")
                .then().statusCode(200).body("status", equalTo("RELEASED"));
        as(p.token()).get("/escrows/" + id).then().statusCode(200).body("status", equalTo("RELEASED"));

        assertEquals(List.of("ESCROW_CREATED", "ESCROW_DEPOSITED", "ESCROW_PROOF_UPLOADED", "ESCROW_RELEASED", "ESCROW_READ"), audits(ENTITY, id));
        var rows = TestDb.query("select actor, data_json::text as data from audit_logs where entity = ? and entity_id = ? "
                + "and action in ('ESCROW_PROOF_UPLOADED', 'ESCROW_RELEASED') order by id", ENTITY, id);
        rows.forEach(r -> assertEquals(p.actor(), r.get("actor")));
        assertEquals("{\"status\": \"RELEASABLE\", \"proof_url\": \"http://example.com/proof\"}", rows.get(0).get("data"));
        assertEquals("{\"note\": \"looks good\", \"status\": \"RELEASED\"}", rows.get(1).get("data"));

        as(p.token()).get("/escrows/" + id + "/events").then().statusCode(200)
                .body("kind", equalTo(List.of("DEPOSIT", "PROOF_UPLOADED", "CLIENT_APPROVED")))
                .body("[1].data_json.note", equalTo("proof uploaded"))
                .body("[1].data_json.proof_url", equalTo("http://example.com/proof"))
                .body("[2].data_json.note", equalTo("looks good"));
        assertEquals(List.of("{\"escrow_id\":" + id + ",\"old_status\":\"DRAFT\",\"new_status\":\"FUNDED\",\"reason\":\"deposit\"}",
                "{\"escrow_id\":" + id + ",\"old_status\":\"FUNDED\",\"new_status\":\"RELEASABLE\",\"reason\":\"mark-delivered\"}"),
                outbox(id, "escrow.status-changed.v1"));
        assertEquals(List.of("{\"escrow_id\":" + id + ",\"old_status\":\"RELEASABLE\",\"new_status\":\"RELEASED\",\"reason\":\"client-approve\"}"),
                outbox(id, "escrow.released.v1"));
    }

    @Test
    void repeatedTransitionsAreNoOpsWithoutEventsOrAudits() {
        Party p = Fixtures.party();
        long id = Fixtures.funded(p, "100.00");
        assertEquals("RELEASABLE", post(p, id, "mark-delivered", "{}", 200));
        assertEquals("RELEASABLE", post(p, id, "mark-delivered", "{}", 200));
        assertEquals("RELEASED", post(p, id, "client-approve", null, 200));
        assertEquals("RELEASED", post(p, id, "client-approve", "{}", 200));
        assertEquals("RELEASED", post(p, id, "client-reject", null, 200));
        assertEquals("RELEASED", post(p, id, "check-deadline", null, 200));
        assertEquals(List.of("DEPOSIT", "PROOF_UPLOADED", "CLIENT_APPROVED"), kinds(id));
        assertEquals(List.of("ESCROW_CREATED", "ESCROW_DEPOSITED", "ESCROW_PROOF_UPLOADED", "ESCROW_RELEASED"), audits(ENTITY, id));
        assertEquals(1, outbox(id, "escrow.released.v1").size());
    }

    @Test
    void invalidTransitionsAnswerEscrowInvalidState() {
        Party p = Fixtures.party();
        long draft = Fixtures.escrow(p, "100.00");
        as(p.token()).body("{}").post("/escrows/" + draft + "/client-approve").then().statusCode(409)
                .body("error.code", equalTo("ESCROW_INVALID_STATE")).body("error.details.status", equalTo("DRAFT"));
        assertEquals("ESCROW_INVALID_STATE", post(p, draft, "mark-delivered", "{}", 409));
        long refunded = Fixtures.funded(p, "100.00");
        assertEquals("REFUNDED", post(p, refunded, "client-reject", null, 200));
        assertEquals("ESCROW_INVALID_STATE", post(p, refunded, "client-approve", null, 409));
        assertEquals("ESCROW_INVALID_STATE", post(p, refunded, "mark-delivered", "{}", 409));
        long cancelled = Fixtures.escrow(p, "100.00");
        assertEquals("CANCELLED", post(p, cancelled, "client-reject", "{\"note\": \"changed my mind\"}", 200));
        assertEquals("ESCROW_INVALID_STATE", post(p, cancelled, "client-approve", null, 409));
        long released = Fixtures.funded(p, "100.00");
        assertEquals("RELEASED", post(p, released, "client-approve", null, 200));
        assertEquals("ESCROW_INVALID_STATE", post(p, released, "mark-delivered", "{}", 409));
        assertEquals("DRAFT", Fixtures.escrowStatus(draft));
        assertEquals(List.of("ESCROW_CREATED"), audits(ENTITY, draft));
    }

    @Test
    void clientRejectCancelsDraftAndRefundsFunded() {
        Party p = Fixtures.party();
        long draft = Fixtures.escrow(p, "100.00");
        assertEquals("CANCELLED", post(p, draft, "client-reject", null, 200));
        assertEquals(List.of("ESCROW_CREATED", "ESCROW_CANCELLED"), audits(ENTITY, draft));
        long funded = Fixtures.funded(p, "100.00");
        assertEquals("RELEASABLE", post(p, funded, "mark-delivered", "{}", 200));
        assertEquals("REFUNDED", post(p, funded, "client-reject", "{\"note\": \"damaged\"}", 200));
        assertEquals("REFUNDED", post(p, funded, "client-reject", null, 200));
        assertEquals(List.of("ESCROW_CREATED", "ESCROW_DEPOSITED", "ESCROW_PROOF_UPLOADED", "ESCROW_REJECTED"), audits(ENTITY, funded));
        assertEquals(List.of("DEPOSIT", "PROOF_UPLOADED", "CLIENT_REJECTED"), kinds(funded));
        as(p.token()).get("/escrows/" + funded + "/events").then().body("[2].data_json.note", equalTo("damaged"));
        assertEquals(List.of("{\"escrow_id\":" + draft + ",\"old_status\":\"DRAFT\",\"new_status\":\"CANCELLED\",\"reason\":\"client-reject\"}"),
                outbox(draft, "escrow.status-changed.v1"));
    }

    @Test
    void checkDeadlineReleasesOnlyFundedEscrowsPastTheirDeadline() {
        Party p = Fixtures.party();
        String past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString();
        long due = Fixtures.escrow(p, "100.00", past);
        Fixtures.deposit(p, due, "100.00");
        given().auth().oauth2(p.token()).post("/escrows/" + due + "/check-deadline").then().statusCode(200).body("status", equalTo("RELEASED"));
        as(p.token()).get("/escrows/" + due + "/events").then().body("kind", equalTo(List.of("DEPOSIT", "CLIENT_APPROVED")))
                .body("[1].data_json.note", nullValue());
        var audit = TestDb.query("select actor from audit_logs where entity = ? and entity_id = ? and action = 'ESCROW_RELEASED'", ENTITY, due);
        assertEquals(List.of(Map.of("actor", p.actor())), audit);
        assertTrue(outbox(due, "escrow.released.v1").get(0).contains("\"reason\":\"deadline\""));

        long draftPast = Fixtures.escrow(p, "100.00", past);
        assertEquals("DRAFT", post(p, draftPast, "check-deadline", null, 200));
        long cancelledPast = Fixtures.escrow(p, "100.00", past);
        post(p, cancelledPast, "client-reject", null, 200);
        assertEquals("CANCELLED", post(p, cancelledPast, "check-deadline", null, 200));
        long releasablePast = Fixtures.escrow(p, "100.00", past);
        Fixtures.deposit(p, releasablePast, "100.00");
        post(p, releasablePast, "mark-delivered", "{}", 200);
        assertEquals("RELEASABLE", post(p, releasablePast, "check-deadline", null, 200));
        long future = Fixtures.funded(p, "100.00");
        assertEquals("FUNDED", post(p, future, "check-deadline", "{}", 200));
        assertEquals(List.of("DEPOSIT"), kinds(future));
    }

    @Test
    void bodyValidation() {
        Party p = Fixtures.party();
        long id = Fixtures.funded(p, "100.00");
        as(p.token()).post("/escrows/" + id + "/mark-delivered").then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"));
        as(p.token()).body("{\"note\": 5}").post("/escrows/" + id + "/mark-delivered").then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR")).body("error.field", equalTo("note"));
        as(p.token()).body("{\"proof_url\": {\"a\": 1}}").post("/escrows/" + id + "/client-approve").then().statusCode(422)
                .body("error.field", equalTo("proof_url"));
        as(p.token()).body("{\"reason\": \"x\"}").post("/escrows/" + id + "/client-reject").then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR"));
        as(p.token()).body("not json").post("/escrows/" + id + "/client-reject").then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR"));
        assertEquals("FUNDED", Fixtures.escrowStatus(id));
        assertEquals(List.of("DEPOSIT"), kinds(id));
    }

    @Test
    void ownershipScopesAndUnknownEscrows() {
        Party owner = Fixtures.party();
        Party other = Fixtures.party();
        long id = Fixtures.funded(owner, "100.00");
        for (String action : List.of("mark-delivered", "client-approve", "client-reject", "check-deadline")) {
            as(other.token()).body("{}").post("/escrows/" + id + "/" + action).then().statusCode(404)
                    .body("error.code", equalTo("ESCROW_NOT_FOUND"));
            as(owner.token()).body("{}").post("/escrows/999999999/" + action).then().statusCode(404)
                    .body("error.code", equalTo("ESCROW_NOT_FOUND"));
            as(TestTokens.support(TestData.nextId())).body("{}").post("/escrows/" + id + "/" + action).then().statusCode(403)
                    .body("error.code", equalTo("INSUFFICIENT_SCOPE"));
            given().contentType("application/json").body("{}").post("/escrows/" + id + "/" + action).then().statusCode(401);
        }
        assertEquals("FUNDED", Fixtures.escrowStatus(id));
        assertEquals("RELEASABLE", post(new Party(0, 0, 0, Fixtures.admin()), id, "mark-delivered", "{}", 200));
    }

    @Test
    void concurrentApproveAndRejectNeverBothWin() throws Exception {
        Party p = Fixtures.party();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 6; round++) {
                long id = Fixtures.funded(p, "100.00");
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String action = i % 2 == 0 ? "client-approve" : "client-reject";
                    calls.add(() -> as(p.token()).body("{}").post("/escrows/" + id + "/" + action).then().extract().statusCode());
                }
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    codes.add(f.get());
                }
                String status = Fixtures.escrowStatus(id);
                assertTrue(status.equals("RELEASED") || status.equals("REFUNDED"), status);
                int changes = outbox(id, "escrow.released.v1").size() + outbox(id, "escrow.status-changed.v1").size() - 1;
                assertEquals(1, changes, "exactly one transition wins, round " + round);
                assertEquals(1, kinds(id).stream().filter(k -> !k.equals("DEPOSIT")).count());
                long refused = codes.stream().filter(c -> c == 409).count();
                assertEquals(status.equals("REFUNDED") ? 2 : 0, refused, "approvals after a refund are refused: " + codes);
                assertTrue(codes.stream().allMatch(c -> c == 200 || c == 409), codes.toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentMarkDeliveredRecordsOneEvent() throws Exception {
        Party p = Fixtures.party();
        long id = Fixtures.funded(p, "100.00");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> as(p.token()).body("{}").post("/escrows/" + id + "/mark-delivered").then().extract().statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("DEPOSIT", "PROOF_UPLOADED"), kinds(id));
        assertEquals(1, audits(ENTITY, id).stream().filter("ESCROW_PROOF_UPLOADED"::equals).count());
    }
}
