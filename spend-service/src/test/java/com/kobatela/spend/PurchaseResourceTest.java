package com.kobatela.spend;

import static com.kobatela.spend.SpendFixtures.admin;
import static com.kobatela.spend.SpendFixtures.allowMerchant;
import static com.kobatela.spend.SpendFixtures.as;
import static com.kobatela.spend.SpendFixtures.category;
import static com.kobatela.spend.SpendFixtures.concurrently;
import static com.kobatela.spend.SpendFixtures.mandate;
import static com.kobatela.spend.SpendFixtures.mandateBody;
import static com.kobatela.spend.SpendFixtures.merchant;
import static com.kobatela.spend.SpendFixtures.post;
import static com.kobatela.spend.SpendFixtures.purchaseBody;
import static com.kobatela.spend.SpendFixtures.users;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Purchases on a real PostgreSQL and Kafka (spec api.md#4.6, rules.md#purchases, #idempotency, #ownership; acceptance
 * F AC-043 to AC-049, AC-052): check order and codes, rounding, consumption, replay and conflict, races.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class PurchaseResourceTest {

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void purchaseByCategoryIsIdempotent() {
        long[] u = users(2);
        long s = u[0];
        long b = u[1];
        String sender = TestTokens.sender(21, s);
        long digital = category();
        post(admin(), "/spend/allow", Map.of("owner_id", b, "category_id", digital)).then().statusCode(201);
        long streamBox = merchant(digital, false);
        Map<String, Object> mandate = mandateBody(s, b, "200.00", "EUR");
        mandate.put("allowed_category_id", digital);
        long mandateId = mandate(sender, mandate);

        String k = key();
        Map<String, Object> body = purchaseBody(s, b, streamBox, 15.5, "EUR");
        Response first = post(sender, "/spend/purchases", k, body);
        first.then().statusCode(201).body("category_id", equalTo((int) digital)).body("amount", equalTo("15.50"))
                .body("status", equalTo("COMPLETED")).body("sender_id", equalTo((int) b)).body("currency", equalTo("EUR"));
        long id = first.jsonPath().getLong("id");
        post(sender, "/spend/purchases", k, body).then().statusCode(201).body("id", equalTo((int) id));
        post(sender, "/spend/purchases", "  " + k + "  ", body).then().statusCode(201).body("id", equalTo((int) id));
        post(sender, "/spend/purchases", k, purchaseBody(s, b, streamBox, 99, "EUR")).then().statusCode(409)
                .body("error.code", equalTo("IDEMPOTENCY_KEY_CONFLICT"));
        assertEquals(1, TestDb.count("select count(*) from purchases where idempotency_key = ?", k));
        as(sender).get("/mandates/" + mandateId).then().body("total_spent", equalTo("15.50"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'CREATE_PURCHASE' and entity_id = ? "
                + "and data_json->>'resolved_beneficiary_id' = ?", id, String.valueOf(b)));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'MANDATE_CONSUMED' and entity_id = ? "
                + "and data_json->>'purchase_id' = ?", mandateId, String.valueOf(id)));

        // the same key under another principal is another request
        String otherPrincipal = TestTokens.sender(22, b);
        post(otherPrincipal, "/spend/purchases", k, body).then().statusCode(403).body("error.code", equalTo("MANDATE_REQUIRED"));
    }

    @Test
    void requiresMandateAndAllowedUsage() {
        long[] u = users(3);
        long s = u[0];
        long b = u[1];
        String sender = TestTokens.sender(23, s);
        long shop = merchant(null, false);
        post(sender, "/spend/purchases", key(), purchaseBody(s, b, shop, 10.0, "USD")).then().statusCode(403)
                .body("error.code", equalTo("MANDATE_REQUIRED")).body("error.message", equalTo("No active usage mandate for beneficiary."));
        mandate(sender, mandateBody(s, b, "150.00", "USD"));
        post(sender, "/spend/purchases", key(), purchaseBody(s, b, shop, 10.0, "USD")).then().statusCode(403)
                .body("error.code", equalTo("UNAUTHORIZED_USAGE"));
        allowMerchant(b, shop);
        post(sender, "/spend/purchases", key(), purchaseBody(s, b, shop, 42.0, "USD")).then().statusCode(201)
                .body("status", equalTo("COMPLETED")).body("amount", equalTo("42.00"));
        // other currency, other sender: no mandate
        post(sender, "/spend/purchases", key(), purchaseBody(s, b, shop, 1, "EUR")).then().statusCode(403).body("error.code", equalTo("MANDATE_REQUIRED"));
        post(sender, "/spend/purchases", key(), purchaseBody(u[2], b, shop, 1, "USD")).then().statusCode(403).body("error.code", equalTo("MANDATE_REQUIRED"));
        // unknown merchant comes first
        post(sender, "/spend/purchases", key(), purchaseBody(s, b, 99_999_999, 1, "USD")).then().statusCode(404)
                .body("error.code", equalTo("MERCHANT_NOT_FOUND"));
    }

    @Test
    void mandateRestrictionsAndCategoryMismatch() {
        long[] u = users(2);
        long s = u[0];
        long b = u[1];
        String sender = TestTokens.sender(24, s);
        long a = merchant(null, true);
        long other = merchant(null, true);
        Map<String, Object> m = mandateBody(s, b, "60.00", "USD");
        m.put("allowed_merchant_id", a);
        mandate(sender, m);
        post(sender, "/spend/purchases", key(), purchaseBody(s, b, a, 25.0, "USD")).then().statusCode(201);
        post(sender, "/spend/purchases", key(), purchaseBody(s, b, other, 5.0, "USD")).then().statusCode(403)
                .body("error.code", equalTo("MANDATE_MERCHANT_FORBIDDEN"));

        // category variant: mandate restricted to C, merchant in D
        long[] v = users(2);
        String sender2 = TestTokens.sender(25, v[0]);
        long c = category();
        long d = category();
        long inD = merchant(d, true);
        Map<String, Object> m2 = mandateBody(v[0], v[1], "60.00", "USD");
        m2.put("allowed_category_id", c);
        mandate(sender2, m2);
        post(sender2, "/spend/purchases", key(), purchaseBody(v[0], v[1], inD, 5.0, "USD")).then().statusCode(403)
                .body("error.code", equalTo("MANDATE_CATEGORY_FORBIDDEN"));
        // a given category different from the merchant's: 422 CATEGORY_MISMATCH (before the mandate checks)
        Map<String, Object> mismatch = purchaseBody(v[0], v[1], inD, 5.0, "USD");
        mismatch.put("category_id", c);
        post(sender2, "/spend/purchases", key(), mismatch).then().statusCode(422).body("error.code", equalTo("CATEGORY_MISMATCH"))
                .body("error.field", equalTo("category_id"));
    }

    @Test
    void foreignMandateBehavesAsNone() {
        long[] u = users(2);
        long s = u[0];
        long b = u[1];
        String owner = TestTokens.sender(26, s);
        String stranger = TestTokens.sender(27, b);
        long shop = merchant(null, true);
        long id = mandate(owner, mandateBody(s, b, "50.00", "EUR"));
        post(stranger, "/spend/purchases", key(), purchaseBody(s, b, shop, 10, "EUR")).then().statusCode(403)
                .body("error.code", equalTo("MANDATE_REQUIRED"));
        as(owner).get("/mandates/" + id).then().body("total_spent", equalTo("0.00"));
    }

    @Test
    void roundingAndExhaustion() {
        long[] u = users(4);
        String sender = TestTokens.sender(28, u[0]);
        long shop = merchant(null, true);
        long m100 = mandate(sender, mandateBody(u[0], u[1], "100.00", "USD"));
        post(sender, "/spend/purchases", key(), purchaseBody(u[0], u[1], shop, "33.335", "USD")).then().statusCode(201)
                .body("amount", equalTo("33.34"));
        as(sender).get("/mandates/" + m100).then().body("total_spent", equalTo("33.34")).body("status", equalTo("ACTIVE"));

        long m30 = mandate(sender, mandateBody(u[0], u[2], "30.00", "USD"));
        post(sender, "/spend/purchases", key(), purchaseBody(u[0], u[2], shop, "20.00", "USD")).then().statusCode(201);
        post(sender, "/spend/purchases", key(), purchaseBody(u[0], u[2], shop, "10.01", "USD")).then().statusCode(409)
                .body("error.code", equalTo("MANDATE_CONFLICT"));
        post(sender, "/spend/purchases", key(), purchaseBody(u[0], u[2], shop, "10.00", "USD")).then().statusCode(201);
        as(sender).get("/mandates/" + m30).then().body("status", equalTo("CONSUMED")).body("total_spent", equalTo("30.00"));
        post(sender, "/spend/purchases", key(), purchaseBody(u[0], u[2], shop, "1.00", "USD")).then().statusCode(403)
                .body("error.code", equalTo("MANDATE_REQUIRED"));

        // expired (not yet cleaned up) mandate: MANDATE_REQUIRED
        long m = mandate(sender, mandateBody(u[0], u[3], "30.00", "USD"));
        TestDb.update("update usage_mandates set expires_at = now() - interval '1 second' where id = ?", m);
        post(sender, "/spend/purchases", key(), purchaseBody(u[0], u[3], shop, "1.00", "USD")).then().statusCode(403)
                .body("error.code", equalTo("MANDATE_REQUIRED"));
    }

    @Test
    void keyRequiredAndValidation() {
        long[] u = users(2);
        String sender = TestTokens.sender(29, u[0]);
        long shop = merchant(null, true);
        Map<String, Object> body = purchaseBody(u[0], u[1], shop, 1, "USD");
        as(sender).body(body).post("/spend/purchases").then().statusCode(400).body("error.code", equalTo("IDEMPOTENCY_KEY_REQUIRED"))
                .body("error.message", equalTo("Header 'Idempotency-Key' is required for POST /spend/purchases."));
        post(sender, "/spend/purchases", "   ", body).then().statusCode(400).body("error.code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        post(sender, "/spend/purchases", "k".repeat(65), body).then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"));
        // validation (422) comes before the key check (400)
        as(sender).body(purchaseBody(u[0], u[1], shop, 0, "USD")).post("/spend/purchases").then().statusCode(422)
                .body("error.field", equalTo("amount"));
        post(sender, "/spend/purchases", key(), purchaseBody(u[0], u[1], shop, 1, "GBP")).then().statusCode(422)
                .body("error.field", equalTo("currency"));
        post(sender, "/spend/purchases", key(), purchaseBody(u[0], u[1], shop, true, "USD")).then().statusCode(422)
                .body("error.field", equalTo("amount"));
        post(TestTokens.support(30), "/spend/purchases", key(), body).then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
    }

    @Test
    void twoConcurrentSpendsOfTwentyOnThirty() throws Exception {
        long[] u = users(2);
        String sender = TestTokens.sender(31, u[0]);
        long shop = merchant(null, true);
        mandate(sender, mandateBody(u[0], u[1], "30.00", "USD"));
        List<Integer> codes = concurrently(2, i -> post(sender, "/spend/purchases", "mandate-k" + i + "-" + u[0],
                purchaseBody(u[0], u[1], shop, "20.00", "USD")).statusCode());
        codes.sort(null);
        assertEquals(List.of(201, 409), codes);
    }

    @Test
    void twentyConcurrentPurchasesNeverOverspend() throws Exception {
        long[] u = users(2);
        String sender = TestTokens.sender(32, u[0]);
        long shop = merchant(null, true);
        long m = mandate(sender, mandateBody(u[0], u[1], "100.00", "USD"));
        List<Integer> codes = concurrently(20, i -> post(sender, "/spend/purchases", key(),
                purchaseBody(u[0], u[1], shop, "7.00", "USD")).statusCode());
        long accepted = codes.stream().filter(c -> c == 201).count();
        assertTrue(codes.stream().allMatch(c -> c == 201 || c == 409 || c == 403), codes.toString());
        assertEquals(14, accepted, codes.toString());
        BigDecimal sum = (BigDecimal) TestDb.query("select coalesce(sum(amount), 0) as s from purchases where mandate_id = ?", m).get(0).get("s");
        BigDecimal spent = (BigDecimal) TestDb.query("select total_spent from usage_mandates where id = ?", m).get(0).get("total_spent");
        assertEquals(0, sum.compareTo(spent), "total_spent equals the sum of the accepted purchases");
        assertTrue(spent.compareTo(new BigDecimal("100.00")) <= 0);
        assertEquals(0, new BigDecimal("98.00").compareTo(spent));
    }

    @Test
    void sameKeyConcurrentlyHasOneEffect() throws Exception {
        long[] u = users(2);
        String sender = TestTokens.sender(33, u[0]);
        long shop = merchant(null, true);
        long m = mandate(sender, mandateBody(u[0], u[1], "100.00", "USD"));
        String k = key();
        Map<String, Object> body = purchaseBody(u[0], u[1], shop, "10.00", "USD");
        List<Response> answers = concurrently(10, i -> post(sender, "/spend/purchases", k, body));
        assertTrue(answers.stream().allMatch(r -> r.statusCode() == 201), answers.stream().map(Response::asString).toList().toString());
        assertEquals(1, answers.stream().map(r -> r.jsonPath().getLong("id")).distinct().count());
        assertEquals(1, TestDb.count("select count(*) from purchases where idempotency_key = ?", k));
        as(sender).get("/mandates/" + m).then().body("total_spent", equalTo("10.00"));
    }
}
