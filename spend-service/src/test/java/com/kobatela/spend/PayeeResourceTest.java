package com.kobatela.spend;

import static com.kobatela.spend.SpendFixtures.admin;
import static com.kobatela.spend.SpendFixtures.support;
import static com.kobatela.spend.SpendFixtures.as;
import static com.kobatela.spend.SpendFixtures.escrow;
import static com.kobatela.spend.SpendFixtures.payee;
import static com.kobatela.spend.SpendFixtures.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Allowed payees on a real PostgreSQL and Kafka (spec api.md#4.7, #9; rules.md#payees; acceptance AC-053, AC-054):
 * creation with money strings or null limits and its audit, 404 ESCROW_NOT_FOUND (unknown or not yet created), 409
 * PAYEE_ALREADY_ALLOWED, 422 validation, scopes, and the read with counters (404 PAYEE_NOT_FOUND).
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class PayeeResourceTest {

    private static Map<String, Object> body(long escrowId, String ref, String label, Object daily, Object total) {
        Map<String, Object> b = new HashMap<>();
        b.put("escrow_id", escrowId);
        b.put("payee_ref", ref);
        b.put("label", label);
        b.put("daily_limit", daily);
        b.put("total_limit", total);
        return b;
    }

    @Test
    void createReadAndAudit() {
        long e = escrow("user:4001");
        long id = post(admin(), "/spend/allowed", body(e, "IBAN-XYZ-001", "Trusted Clinic", 120.0, "400")).then().statusCode(201)
                .body("escrow_id", equalTo((int) e)).body("payee_ref", equalTo("IBAN-XYZ-001")).body("label", equalTo("Trusted Clinic"))
                .body("daily_limit", equalTo("120.00")).body("total_limit", equalTo("400.00"))
                .extract().jsonPath().getLong("id");
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'ADD_ALLOWED_PAYEE' and entity = 'AllowedPayee' "
                + "and entity_id = ? and actor = 'apikey:koba_000384' and api_key_id = 900 and data_json->>'escrow_id' = ? "
                + "and data_json->>'payee_ref' = 'IBAN-XYZ-001' and data_json->'limits'->>'daily' = '120.00' "
                + "and data_json->'limits'->>'total' = '400.00'", id, String.valueOf(e)));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        as(support()).get("/spend/allowed/" + id).then().statusCode(200).body("id", equalTo((int) id))
                .body("spent_today", equalTo("0.00")).body("spent_total", equalTo("0.00")).body("last_reset_at", equalTo(today))
                .body("daily_limit", equalTo("120.00")).body("total_limit", equalTo("400.00"));

        // no limits: null; support may add payees too
        long open = post(support(), "/spend/allowed", body(e, "IBAN-XYZ-002", "Open payee", null, null)).then().statusCode(201)
                .body("daily_limit", nullValue()).body("total_limit", nullValue()).extract().jsonPath().getLong("id");
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'ADD_ALLOWED_PAYEE' and entity_id = ? "
                + "and data_json->'limits'->'daily' = 'null'::jsonb and actor = 'apikey:koba_000385'", open));
        // zero limits are allowed (nothing can be spent)
        post(admin(), "/spend/allowed", body(e, "IBAN-ZERO", "Zero", 0, "0.00")).then().statusCode(201).body("daily_limit", equalTo("0.00"));

        // the counters of an older day read as 0.00 today; the stored date stays the last reset
        TestDb.update("update allowed_payees set spent_today = 50, spent_total = 50, last_reset_at = current_date - 1 where id = ?", id);
        as(admin()).get("/spend/allowed/" + id).then().statusCode(200).body("spent_today", equalTo("0.00"))
                .body("spent_total", equalTo("50.00")).body("last_reset_at", equalTo(LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()));
    }

    @Test
    void refusals() {
        long e = escrow("user:4002");
        payee(e, "DUP-1", null, null);
        post(admin(), "/spend/allowed", body(e, "DUP-1", "again", null, null)).then().statusCode(409)
                .body("error.code", equalTo("PAYEE_ALREADY_ALLOWED")).body("error.message", equalTo("This payee is already allowed for this escrow."));
        // the same reference on another escrow is another payee
        payee(escrow("user:4002"), "DUP-1", null, null);

        post(admin(), "/spend/allowed", body(99_999_999L, "ANY-1", "label", null, null)).then().statusCode(404)
                .body("error.code", equalTo("ESCROW_NOT_FOUND"));
        // an escrow seen only through a status event (its EscrowCreated not consumed yet) is not known
        long early = 79_000 + (System.nanoTime() % 900);
        TestEvents.publish(Topics.ESCROW, String.valueOf(early), EventTypes.ESCROW_STATUS_CHANGED,
                "{\"escrow_id\":%d,\"old_status\":\"DRAFT\",\"new_status\":\"FUNDED\",\"reason\":\"deposit\"}".formatted(early));
        SpendFixtures.awaitTrue(() -> TestDb.count("select count(*) from escrow_views where escrow_id = ?", early) == 1);
        post(admin(), "/spend/allowed", body(early, "ANY-1", "label", null, null)).then().statusCode(404)
                .body("error.code", equalTo("ESCROW_NOT_FOUND"));

        // validation (422) and scope (403)
        post(admin(), "/spend/allowed", body(e, "X", "label", null, null)).then().statusCode(422).body("error.field", equalTo("payee_ref"));
        post(admin(), "/spend/allowed", body(e, "R".repeat(121), "label", null, null)).then().statusCode(422).body("error.field", equalTo("payee_ref"));
        post(admin(), "/spend/allowed", body(e, "OK-REF", "L", null, null)).then().statusCode(422).body("error.field", equalTo("label"));
        post(admin(), "/spend/allowed", body(e, "OK-REF", "label", "-1", null)).then().statusCode(422).body("error.field", equalTo("daily_limit"));
        post(admin(), "/spend/allowed", body(e, "OK-REF", "label", null, -0.01)).then().statusCode(422).body("error.field", equalTo("total_limit"));
        post(admin(), "/spend/allowed", body(e, "OK-REF", "label", "abc", null)).then().statusCode(422).body("error.field", equalTo("daily_limit"));
        Map<String, Object> noEscrow = body(e, "OK-REF", "label", null, null);
        noEscrow.remove("escrow_id");
        post(admin(), "/spend/allowed", noEscrow).then().statusCode(422).body("error.field", equalTo("escrow_id"));
        post(TestTokens.sender(41, 4002), "/spend/allowed", body(e, "OK-REF", "label", null, null)).then().statusCode(403)
                .body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        assertEquals(0, TestDb.count("select count(*) from allowed_payees where payee_ref = 'OK-REF'"));

        as(admin()).get("/spend/allowed/99999999").then().statusCode(404).body("error.code", equalTo("PAYEE_NOT_FOUND"));
        as(TestTokens.sender(41, 4002)).get("/spend/allowed/1").then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
    }
}
