package com.kobatela.spend;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private static final AtomicLong ESCROW_IDS = new AtomicLong(80_000);
    private static final AtomicLong DEPOSIT_IDS = new AtomicLong(90_000);


    private SpendFixtures() {
    }

    /** A fresh admin token (API key 900, prefix koba_000384): internal JWTs live 60 s, so mint one per call. */
    static String admin() {
        return TestTokens.admin(900);
    }

    /** A fresh support token (API key 901, prefix koba_000385). */
    static String support() {
        return TestTokens.support(901);
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

    /** Creates a category (admin()), returns its id. */
    static long category() {
        return post(admin(), "/spend/categories", Map.of("code", unique("CAT"), "label", "Category"))
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Creates a merchant (admin()), returns its id. */
    static long merchant(Long categoryId, boolean certified) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", unique("Shop"));
        body.put("category_id", categoryId);
        body.put("is_certified", certified);
        return post(admin(), "/spend/merchants", body).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Allows a beneficiary at a merchant (admin()). */
    static void allowMerchant(long ownerId, long merchantId) {
        post(admin(), "/spend/allow", Map.of("owner_id", ownerId, "merchant_id", merchantId)).then().statusCode(201);
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

    /** Publishes {@code EscrowCreated} (USD, DRAFT) owned by {@code ownerPrincipal}; waits until the read model has it. */
    static long escrow(String ownerPrincipal) {
        long id = ESCROW_IDS.incrementAndGet();
        TestEvents.publish(Topics.ESCROW, String.valueOf(id), EventTypes.ESCROW_CREATED, ("{\"escrow_id\":%d,\"owner_principal\":\"%s\","
                + "\"client_id\":1,\"provider_id\":2,\"amount_total\":\"1000.00\",\"currency\":\"USD\",\"domain\":\"private\","
                + "\"status\":\"DRAFT\",\"deadline_at\":\"2030-01-01T00:00:00Z\"}").formatted(id, ownerPrincipal));
        awaitTrue(() -> TestDb.count("select count(*) from escrow_views where escrow_id = ? and owner_principal is not null", id) == 1);
        return id;
    }

    /** Publishes {@code EscrowDeposited}; waits until the read model has the deposit. Returns the deposit id. */
    static long deposit(long escrowId, String amount, String statusAfter) {
        long depositId = DEPOSIT_IDS.incrementAndGet();
        publishDeposit(escrowId, depositId, amount, statusAfter);
        awaitTrue(() -> TestDb.count("select count(*) from escrow_deposit_views where deposit_id = ?", depositId) == 1);
        return depositId;
    }

    /** Publishes {@code EscrowDeposited} without waiting (e.g. to redeliver a deposit under another event id). */
    static void publishDeposit(long escrowId, long depositId, String amount, String statusAfter) {
        TestEvents.publish(Topics.ESCROW, String.valueOf(escrowId), EventTypes.ESCROW_DEPOSITED,
                ("{\"escrow_id\":%d,\"deposit_id\":%d,\"amount\":\"%s\",\"currency\":\"USD\",\"idempotency_key\":\"d-%d\","
                        + "\"escrow_status\":\"%s\"}").formatted(escrowId, depositId, amount, depositId, statusAfter));
    }

    /** Publishes a status change ({@code escrow.released.v1} for RELEASED); waits until the read model shows it. */
    static void escrowStatus(long escrowId, String oldStatus, String newStatus) {
        String type = "RELEASED".equals(newStatus) ? EventTypes.ESCROW_RELEASED : EventTypes.ESCROW_STATUS_CHANGED;
        TestEvents.publish(Topics.ESCROW, String.valueOf(escrowId), type, ("{\"escrow_id\":%d,\"old_status\":\"%s\","
                + "\"new_status\":\"%s\",\"reason\":\"test\"}").formatted(escrowId, oldStatus, newStatus));
        awaitTrue(() -> TestDb.count("select count(*) from escrow_views where escrow_id = ? and status = ?", escrowId, newStatus) == 1);
    }

    /** An escrow of {@code ownerPrincipal} with {@code deposited} on it, FUNDED. */
    static long fundedEscrow(String ownerPrincipal, String deposited) {
        long id = escrow(ownerPrincipal);
        deposit(id, deposited, "FUNDED");
        return id;
    }

    /** Adds an allowed payee (admin()); limits may be null. Returns its id. */
    static long payee(long escrowId, String payeeRef, Object dailyLimit, Object totalLimit) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("escrow_id", escrowId);
        body.put("payee_ref", payeeRef);
        body.put("label", "Payee " + payeeRef);
        body.put("daily_limit", dailyLimit);
        body.put("total_limit", totalLimit);
        return post(admin(), "/spend/allowed", body).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A usage spend body. */
    static Map<String, Object> spendBody(long escrowId, String payeeRef, Object amount) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("escrow_id", escrowId);
        body.put("payee_ref", payeeRef);
        body.put("amount", amount);
        return body;
    }

    /** The payout key of a spend: {@code usage|<principal>|<key>}. */
    static String payoutKey(String principal, String key) {
        return "usage|" + principal + "|" + key;
    }

    /** Waits (30 s at most) until the condition holds. */
    static void awaitTrue(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(condition);
    }

    /** Runs {@code n} calls at once and returns their results in submission order. */
    static <T> List<T> concurrently(int n, java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Callable<T>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(() -> {
                    start.await();
                    return call.apply(index);
                });
            }
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> c : calls) {
                futures.add(pool.submit(c));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
