package com.kobatela.proof;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.kobatela.proof.support.ProofApi.OTHER_SENDER;
import static com.kobatela.proof.support.ProofApi.SENDER;
import static com.kobatela.proof.support.ProofApi.SUPPORT;
import static com.kobatela.proof.support.ProofApi.clean;
import static com.kobatela.proof.support.ProofApi.escrow;
import static com.kobatela.proof.support.ProofApi.nextId;
import static com.kobatela.proof.support.ProofApi.submit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * proof-service on a real PostgreSQL and Kafka: read models fed by escrow events, the submission pipeline
 * (spec rules.md#proofs) with its error codes, decisions, ownership, duplicates and races.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class ProofResourceTest {

    private final String sender = SENDER;
    private final String otherSender = OTHER_SENDER;
    private final String support = SUPPORT;

    @Test
    void cleanPhotoIsAutoApprovedOnceAndAnnounced() {
        long e = escrow("500.00", "200.00:PHOTO:500", "300.00:PDF");
        Response r = submit(sender, e, 1, "PHOTO", clean(Instant.now(), 5.0001, -4.0001));
        r.then().statusCode(201).body("status", equalTo("APPROVED"))
                .body("metadata.supplier_name", equalTo("***masked***"))
                .body("metadata.phone", equalTo("***78"))
                .body("metadata.gps_lat", equalTo("5.0001"));
        long proofId = r.jsonPath().getLong("id");

        List<ConsumerRecord<String, String>> events = TestEvents.read(Topics.PROOF, Duration.ofSeconds(20),
                rs -> rs.stream().anyMatch(x -> x.value().contains("\"proof_id\":" + proofId + ",")));
        ConsumerRecord<String, String> approved = events.stream().filter(x -> x.value().contains("\"proof_id\":" + proofId + ",")).findFirst().orElseThrow();
        assertEquals(EventTypes.PROOF_APPROVED, TestEvents.header(approved, "ce_type"));
        assertEquals(String.valueOf(e), approved.key());
        assertTrue(approved.value().contains("\"auto\":true"));

        // the milestone now has an approved proof: another one is refused, and the next milestone is out of sequence
        submit(sender, e, 1, "PHOTO", clean(Instant.now(), 5.0001, -4.0001)).then().statusCode(409).body("error.code", equalTo("MILESTONE_NOT_WAITING"));
        submit(sender, e, 2, "PDF", "{}").then().statusCode(422).body("error.code", equalTo("SEQUENCE_ERROR"));
        // content validation comes before state checks
        submit(sender, e, 1, "PHOTO", clean(Instant.now(), 6.0, -4.0)).then().statusCode(422).body("error.code", equalTo("GEOFENCE_VIOLATION"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'SUBMIT_PROOF' and entity_id = ?", proofId));
    }

    @Test
    void photoRuleErrors() {
        long e = escrow("500.00", "200.00:PHOTO:100");
        submit(sender, e, 1, "PHOTO", clean(Instant.now().minus(Duration.ofMinutes(121)), 5.0, -4.0)).then().statusCode(422)
                .body("error.code", equalTo("STALE_TIMESTAMP")).body("error.message", equalTo("Invalid photo metadata."));
        submit(sender, e, 1, "PHOTO", clean(Instant.now().plus(Duration.ofMinutes(3)), 5.0, -4.0)).then().statusCode(422)
                .body("error.code", equalTo("FUTURE_TIMESTAMP"));
        submit(sender, e, 1, "PHOTO", "{}").then().statusCode(422).body("error.code", equalTo("MISSING_EXIF_TIMESTAMP"));
        submit(sender, e, 1, "PHOTO", "{\"exif_timestamp\":\"" + Instant.now() + "\"}").then().statusCode(422).body("error.code", equalTo("MISSING_GPS"));
        submit(sender, e, 1, "PHOTO", "{\"invoice_total_amount\":\"abc\"}").then().statusCode(422).body("error.code", equalTo("INVOICE_NORMALIZATION_ERROR"));
        submit(sender, e, 9, "PHOTO", "{}").then().statusCode(404).body("error.code", equalTo("MILESTONE_NOT_FOUND"));
        assertEquals(0, TestDb.count("select count(*) from proofs where escrow_id = ?", e), "nothing stored");
    }

    @Test
    void missingMetadataGoesToReviewThenDecision() {
        long e = escrow("500.00", "200.00:PHOTO");
        Response r = submit(sender, e, 1, "PHOTO", null);
        r.then().statusCode(201).body("status", equalTo("PENDING")).body("metadata.review_reason", equalTo("MISSING_METADATA"));
        long id = r.jsonPath().getLong("id");
        String decide = "/proofs/" + id + "/decision";
        given().auth().oauth2(sender).contentType(ContentType.JSON).body("{\"decision\":\"approve\"}").post(decide)
                .then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        given().auth().oauth2(support).contentType(ContentType.JSON).body("{\"decision\":\"maybe\"}").post(decide)
                .then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR")).body("error.field", equalTo("decision"));
        given().auth().oauth2(support).contentType(ContentType.JSON).body("{\"decision\":\"approved\",\"note\":\"ok\"}").post(decide)
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("ai_reviewed_by", equalTo("apikey:koba_000003"));
        given().auth().oauth2(support).contentType(ContentType.JSON).body("{\"decision\":\"approve\"}").post(decide)
                .then().statusCode(200).body("status", equalTo("APPROVED"));
        given().auth().oauth2(support).contentType(ContentType.JSON).body("{\"decision\":\"reject\"}").post(decide)
                .then().statusCode(409).body("error.code", equalTo("PROOF_ALREADY_APPROVED"));
        given().auth().oauth2(support).contentType(ContentType.JSON).body("{\"decision\":\"reject\"}").post("/proofs/999999/decision")
                .then().statusCode(404).body("error.code", equalTo("PROOF_NOT_FOUND"));
        assertEquals(2, TestDb.count("select count(*) from audit_logs where action = 'DECIDE_PROOF' and entity_id = ?", id));
    }

    @Test
    void rejectedMilestoneAcceptsANewProof() {
        long e = escrow("500.00", "200.00:INVOICE");
        long first = submit(sender, e, 1, "INVOICE", "{\"invoice_total_amount\":\"200.005\",\"invoice_currency\":\"usd\"}")
                .then().statusCode(201).body("status", equalTo("PENDING")).body("invoice_total_amount", equalTo("200.01"))
                .body("invoice_currency", equalTo("USD")).body("metadata.ocr_status", equalTo("disabled"))
                .body("metadata.backend_checks.has_metadata", equalTo(true))
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(support).contentType(ContentType.JSON).body("{\"decision\":\"rejected\",\"note\":\"blurry\"}")
                .post("/proofs/" + first + "/decision").then().statusCode(200).body("status", equalTo("REJECTED"));
        given().auth().oauth2(support).contentType(ContentType.JSON).body("{\"decision\":\"approve\"}")
                .post("/proofs/" + first + "/decision").then().statusCode(409).body("error.code", equalTo("PROOF_ALREADY_REJECTED"));
        submit(sender, e, 1, "INVOICE", "{}").then().statusCode(201).body("status", equalTo("PENDING"));
    }

    @Test
    void ownershipAndReads() {
        long e = escrow("500.00", "200.00:PHOTO");
        submit(otherSender, e, 1, "PHOTO", null).then().statusCode(404).body("error.code", equalTo("ESCROW_NOT_FOUND"));
        long id = submit(sender, e, 1, "PHOTO", null).then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(otherSender).get("/proofs/" + id).then().statusCode(404).body("error.code", equalTo("PROOF_NOT_FOUND"));
        given().auth().oauth2(sender).get("/proofs/" + id).then().statusCode(200).body("id", equalTo((int) id))
                .body("ai_score", nullValue());
        given().auth().oauth2(support).get("/proofs/" + id).then().statusCode(200);
        given().get("/proofs/" + id).then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestTokens.signedByOtherKey("admin")).get("/proofs/" + id).then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("admin")).get("/proofs/" + id).then().statusCode(401);
        given().auth().oauth2(TestTokens.wrongAudience("admin")).get("/proofs/" + id).then().statusCode(401);
        given().auth().oauth2(TestTokens.unsigned("admin")).get("/proofs/" + id).then().statusCode(401);
    }

    @Test
    void insufficientBalanceStoresNothing() {
        long e = escrow("100.00", "200.00:PHOTO");
        submit(sender, e, 1, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(409).body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));
        assertEquals(0, TestDb.count("select count(*) from proofs where escrow_id = ?", e));
    }

    @Test
    void duplicateHashAndRedeliveredDeposit() {
        long e = escrow(null, "300.00:PHOTO");
        String depositEvent = """
                {"escrow_id":%d,"deposit_id":%d,"amount":"200.00","currency":"USD","idempotency_key":"k","escrow_status":"DRAFT"}"""
                .formatted(e, nextId());
        String eventId = UUID.randomUUID().toString();
        TestEvents.publish(Topics.ESCROW, String.valueOf(e), EventTypes.ESCROW_DEPOSITED, eventId, depositEvent);
        TestEvents.publish(Topics.ESCROW, String.valueOf(e), EventTypes.ESCROW_DEPOSITED, eventId, depositEvent);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDb.count(
                "select count(*) from processed_events where event_id = ?", eventId) == 1
                && TestDb.count("select count(*) from escrow_views where escrow_id = ? and deposited = 200.00", e) == 1);
        // a redelivery is skipped: 200 available, not 400, so a 300 milestone is still not covered
        submit(sender, e, 1, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(409).body("error.code", equalTo("INSUFFICIENT_ESCROW_BALANCE"));

        // a file proves one milestone platform-wide: the same sha256 on another escrow is a duplicate
        long e2 = escrow("500.00", "100.00:PHOTO");
        long e3 = escrow("500.00", "100.00:PHOTO");
        String body = "{\"escrow_id\":%d,\"milestone_idx\":1,\"type\":\"PHOTO\",\"storage_url\":\"u\",\"sha256\":\"same-hash-%d\"}";
        given().auth().oauth2(sender).contentType(ContentType.JSON).body(body.formatted(e2, e2)).post("/proofs").then().statusCode(201);
        given().auth().oauth2(sender).contentType(ContentType.JSON).body(body.formatted(e3, e2))
                .post("/proofs").then().statusCode(409).body("error.code", equalTo("PROOF_DUPLICATE"));
        assertEquals(0, TestDb.count("select count(*) from proofs where escrow_id = ?", e3));
    }

    @Test
    void concurrentSubmissionsForOneMilestoneStoreOneProof() throws Exception {
        long e = escrow("500.00", "200.00:PHOTO");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> submit(sender, e, 1, "PHOTO", clean(Instant.now(), 5.0, -4.0)).statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
            assertTrue(codes.stream().allMatch(c -> c == 201 || c == 409), codes.toString());
            assertEquals(1, TestDb.count("select count(*) from proofs where escrow_id = ?", e));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void validationErrors() {
        given().auth().oauth2(sender).contentType(ContentType.JSON).body("{\"escrow_id\":1}").post("/proofs")
                .then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"));
        given().auth().oauth2(sender).contentType(ContentType.JSON).body("{\"escrow_id\":\"x\",\"milestone_idx\":1}").post("/proofs")
                .then().statusCode(422).body("error.field", equalTo("escrow_id"));
        given().auth().oauth2(sender).contentType(ContentType.JSON).body("{nope").post("/proofs")
                .then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"));
        given().auth().oauth2(sender).contentType(ContentType.JSON)
                .body(Map.of("escrow_id", 1, "milestone_idx", 1, "type", "PHOTO", "storage_url", "u", "sha256", "s", "extra", 1))
                .post("/proofs").then().statusCode(422).body("error.field", equalTo("extra"));
    }

    @Test
    void theMilestoneKindDecidesNotTheSubmittedType() {
        long e = escrow("500.00", "100.00:PDF");
        submit(sender, e, 1, "PHOTO", clean(Instant.now(), 5.0, -4.0)).then().statusCode(201).body("status", equalTo("PENDING"))
                .body("metadata.backend_checks.amount_check.expected_amount", equalTo("100.00"))
                .body("metadata.ocr_status", nullValue());
    }

    @Test
    void responseMaskingAc042() {
        long e = escrow("500.00", "100.00:PHOTO");
        String md = """
                {"exif_timestamp":"%s","source":"whatsapp","supplier_name":"ACME","iban":"FR7612345678901234","email":"a@b.com",
                 "phone":"+33 6 12 34 56 78","beneficiary_iban_last4":"1234","amount_check":1}""".formatted(Instant.now());
        Response r = submit(sender, e, 1, "PHOTO", md);
        for (var body : List.of(r.then().statusCode(201), given().auth().oauth2(sender).get("/proofs/" + r.jsonPath().getLong("id")).then())) {
            body.statusCode(anyOf(equalTo(200), equalTo(201)))
                    .body("metadata.supplier_name", equalTo("***masked***"))
                    .body("metadata.iban", equalTo("**************1234"))
                    .body("metadata.email", equalTo("***@b.com"))
                    .body("metadata.phone", equalTo("***78"))
                    .body("metadata.beneficiary_iban_last4", equalTo("***1234"))
                    .body("metadata.amount_check", equalTo(1))
                    .body("metadata.review_reason", equalTo("UNTRUSTED_SOURCE"));
        }
        assertEquals(1, TestDb.count("select count(*) from proofs where id = ? and metadata->>'iban' = 'FR7612345678901234'",
                r.jsonPath().getLong("id")), "stored metadata stays unmasked");
    }
}
