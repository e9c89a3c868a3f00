package com.kobatela.spend;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;
import com.kobatela.testsupport.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Shared fixtures of the spend-service tests: users published as {@code UserRegistered} events (and awaited in the
 * replica), catalogue entries and mandates created through the API, and request helpers with internal JWTs.
 */
final class SpendFixtures {

    private static final AtomicLong USER_IDS = new AtomicLong(5000);
    private static final AtomicLong NAMES = new AtomicLong();

    static final String ADMIN = TestTokens.admin(900);
    static final String SUPPORT = TestTokens.support(901);

    private SpendFixtures() {
    }

    /** Publishes {@code n} users and waits until the replica has them all; returns their ids. */
    static long[] users(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = USER_IDS.incrementAndGet();
            TestEvents.publish(Topics.IDENTITY, String.valueOf(ids[i]), EventTypes.USER_REGISTERED,
                    "{\"user_id\":%d,\"username\":\"u%d\",\"is_active\":true,\"public_tag\":\"private\"}".formatted(ids[i], ids[i]));
        }
        long first = ids[0];
        long last = ids[n - 1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> TestDb.count("select count(*) from user_replicas where id between ? and ?", first, last) == n);
        return ids;
    }

    /** A unique name with a prefix. */
    static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() + "-" + NAMES.incrementAndGet();
    }

    /** A JSON request with a token. */
    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** POST with a token. */
    static Response post(String token, String path, Object body) {
        return as(token).body(body).post(path);
    }

    /** POST with a token and an Idempotency-Key. */
    static Response post(String token, String path, String key, Object body) {
        return as(token).header("Idempotency-Key", key).body(body).post(path);
    }

    /** Creates a category (ADMIN), returns its id. */
    static long category() {
        return post(ADMIN, "/spend/categories", Map.of("code", unique("CAT"), "label", "Category"))
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Creates a merchant (ADMIN), returns its id. */
    static long merchant(Long categoryId, boolean certified) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", unique("Shop"));
        body.put("category_id", categoryId);
        body.put("is_certified", certified);
        return post(ADMIN, "/spend/merchants", body).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Allows a beneficiary at a merchant (ADMIN). */
    static void allowMerchant(long ownerId, long merchantId) {
        post(ADMIN, "/spend/allow", Map.of("owner_id", ownerId, "merchant_id", merchantId)).then().statusCode(201);
    }

    /** A mandate body expiring in 7 days. */
    static Map<String, Object> mandateBody(long sender, long beneficiary, String total, String currency) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("sender_id", sender);
        body.put("beneficiary_id", beneficiary);
        body.put("total_amount", total);
        body.put("currency", currency);
        body.put("expires_at", Instant.now().plus(7, ChronoUnit.DAYS).toString());
        return body;
    }

    /** Creates a mandate with {@code token}, returns its id. */
    static long mandate(String token, Map<String, Object> body) {
        return post(token, "/mandates", body).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A purchase body. */
    static Map<String, Object> purchaseBody(long sender, long beneficiary, long merchant, Object amount, String currency) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("sender_id", sender);
        body.put("beneficiary_id", beneficiary);
        body.put("merchant_id", merchant);
        body.put("amount", amount);
        body.put("currency", currency);
        return body;
    }
}
