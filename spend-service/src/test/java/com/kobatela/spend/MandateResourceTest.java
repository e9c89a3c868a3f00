package com.kobatela.spend;

import static com.kobatela.spend.SpendFixtures.admin;
import static com.kobatela.spend.SpendFixtures.support;
import static com.kobatela.spend.SpendFixtures.as;
import static com.kobatela.spend.SpendFixtures.category;
import static com.kobatela.spend.SpendFixtures.mandate;
import static com.kobatela.spend.SpendFixtures.mandateBody;
import static com.kobatela.spend.SpendFixtures.merchant;
import static com.kobatela.spend.SpendFixtures.post;
import static com.kobatela.spend.SpendFixtures.users;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.kobatela.spend.service.ExpireMandatesJob;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Mandates on a real PostgreSQL and Kafka (spec api.md#4.1, #4.2, #9; rules.md#mandates, #jobs; acceptance F
 * AC-050, AC-052): creation rules and check order, read with ownership, cleanup and job expiry, both idempotent.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class MandateResourceTest {

    @Inject
    ExpireMandatesJob job;

    @Test
    void createReadAndCreationRules() {
        long[] u = users(3);
        long s = u[0];
        long b = u[1];
        String sender = TestTokens.sender(11, u[0]);
        String otherSender = TestTokens.sender(12, u[2]);

        Map<String, Object> body = mandateBody(s, b, "100", "USD");
        long id = post(sender, "/mandates", body).then().statusCode(201)
                .body("status", equalTo("ACTIVE")).body("total_amount", equalTo("100.00")).body("total_spent", equalTo("0.00"))
                .body("currency", equalTo("USD")).body("sender_id", equalTo((int) s)).body("beneficiary_id", equalTo((int) b))
                .extract().jsonPath().getLong("id");
        assertEquals("user:" + s, TestDb.query("select owner_principal from usage_mandates where id = ?", id).get(0).get("owner_principal"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'MANDATE_CREATED' and entity_id = ? "
                + "and actor = 'apikey:koba_00000b' and data_json->>'sender_id' = ?", id, String.valueOf(s)));

        // duplicate ACTIVE (sender, beneficiary, currency); another currency is fine
        post(sender, "/mandates", body).then().statusCode(409).body("error.code", equalTo("ACTIVE_MANDATE_EXISTS"));
        post(sender, "/mandates", mandateBody(s, b, "10", "EUR")).then().statusCode(201);

        // read: owner, support, admin; a foreign sender gets 404
        as(sender).get("/mandates/" + id).then().statusCode(200).body("id", equalTo((int) id)).body("total_spent", equalTo("0.00"));
        as(support()).get("/mandates/" + id).then().statusCode(200);
        as(admin()).get("/mandates/" + id).then().statusCode(200);
        as(otherSender).get("/mandates/" + id).then().statusCode(404).body("error.code", equalTo("MANDATE_NOT_FOUND"));
        as(admin()).get("/mandates/99999999").then().statusCode(404).body("error.code", equalTo("MANDATE_NOT_FOUND"));

        // check order: sender, beneficiary, merchant, category, expiry
        Map<String, Object> bad = mandateBody(999_999, 999_998, "10", "GBP");
        bad.put("allowed_merchant_id", 999_999);
        bad.put("expires_at", "2000-01-01T00:00:00");
        post(sender, "/mandates", bad).then().statusCode(404).body("error.code", equalTo("USER_NOT_FOUND"))
                .body("error.message", equalTo("Sender user does not exist."));
        bad.put("sender_id", s);
        post(sender, "/mandates", bad).then().statusCode(404).body("error.message", equalTo("Beneficiary user does not exist."));
        bad.put("beneficiary_id", b);
        bad.put("allowed_category_id", 999_999);
        post(sender, "/mandates", bad).then().statusCode(404).body("error.code", equalTo("MERCHANT_NOT_FOUND"));
        bad.put("allowed_merchant_id", merchant(null, true));
        post(sender, "/mandates", bad).then().statusCode(404).body("error.code", equalTo("CATEGORY_NOT_FOUND"));
        bad.put("allowed_category_id", category());
        post(sender, "/mandates", bad).then().statusCode(400).body("error.code", equalTo("MANDATE_EXPIRES_IN_PAST"));
        bad.put("expires_at", Instant.now().plus(1, ChronoUnit.DAYS).toString().replace("Z", ""));
        post(sender, "/mandates", bad).then().statusCode(201).body("allowed_category_id", equalTo(((Number) bad.get("allowed_category_id")).intValue()));
    }

    @Test
    void validationAndScopes() {
        long[] u = users(2);
        String sender = TestTokens.sender(13, u[0]);
        post(sender, "/mandates", mandateBody(u[0], u[1], "10", "usd")).then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR")).body("error.field", equalTo("currency"));
        post(sender, "/mandates", mandateBody(u[0], u[1], "0.004", "USD")).then().statusCode(422).body("error.field", equalTo("total_amount"));
        post(sender, "/mandates", mandateBody(0, u[1], "10", "USD")).then().statusCode(422).body("error.field", equalTo("sender_id"));
        Map<String, Object> noExpiry = mandateBody(u[0], u[1], "10", "USD");
        noExpiry.remove("expires_at");
        post(sender, "/mandates", noExpiry).then().statusCode(422).body("error.field", equalTo("expires_at"));
        noExpiry.put("expires_at", "tomorrow");
        post(sender, "/mandates", noExpiry).then().statusCode(422).body("error.field", equalTo("expires_at"));
        // default currency USD; admin may create
        Map<String, Object> noCurrency = mandateBody(u[0], u[1], "10", null);
        noCurrency.remove("currency");
        post(admin(), "/mandates", noCurrency).then().statusCode(201).body("currency", equalTo("USD"));
        post(support(), "/mandates", mandateBody(u[0], u[1], "10", "EUR")).then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        post(support(), "/mandates/cleanup", "").then().statusCode(403);
        io.restassured.RestAssured.given().post("/mandates/cleanup").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void cleanupExpiresDueMandatesOnceWithAudit() {
        long[] u = users(3);
        String sender = TestTokens.sender(14, u[0]);
        long due = mandate(sender, mandateBody(u[0], u[1], "50", "USD"));
        long notDue = mandate(sender, mandateBody(u[0], u[2], "50", "USD"));
        TestDb.update("update usage_mandates set expires_at = now() - interval '1 minute' where id = ?", due);

        as(sender).post("/mandates/cleanup").then().statusCode(202).body("expired", greaterThanOrEqualTo(1));
        as(sender).get("/mandates/" + due).then().statusCode(200).body("status", equalTo("EXPIRED"));
        as(sender).get("/mandates/" + notDue).then().statusCode(200).body("status", equalTo("ACTIVE"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'MANDATE_EXPIRED' and entity_id = ? "
                + "and actor = 'apikey:koba_00000e' and data_json->>'expired_at' is not null", due));

        // a second run changes nothing more: no second audit
        as(sender).post("/mandates/cleanup").then().statusCode(202).body("expired", equalTo(0));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'MANDATE_EXPIRED' and entity_id = ?", due));
        // the pair is free again: a new ACTIVE mandate may be created
        post(sender, "/mandates", mandateBody(u[0], u[1], "5", "USD")).then().statusCode(201);
    }

    @Test
    void jobExpiresOnceWithSystemActor() throws Throwable {
        long[] u = users(2);
        String sender = TestTokens.sender(15, u[0]);
        long due = mandate(sender, mandateBody(u[0], u[1], "50", "USD"));
        TestDb.update("update usage_mandates set expires_at = now() - interval '1 second' where id = ?", due);

        int first = VertxContextSupport.subscribeAndAwait(() -> job.run());
        int second = VertxContextSupport.subscribeAndAwait(() -> job.run());
        assertEquals(true, first >= 1, "first run expires the due mandate");
        assertEquals(0, second, "second run expires nothing more");
        as(admin()).get("/mandates/" + due).then().statusCode(200).body("status", equalTo("EXPIRED"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'MANDATE_EXPIRED' and entity_id = ? "
                + "and actor = 'system:expire-mandates' and api_key_id is null", due));
        assertEquals(false, job.enabled(), "the scheduler flag is off by default");
    }
}
