package com.kobatela.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mandates, catalogue and purchases through the gateway (spec acceptance.md F, AC-043 to AC-052), as a partner
 * would: one test per scenario. Users reach spend-service through identity events, so the first call that needs
 * them is retried while it answers USER_NOT_FOUND.
 */
class MandatePurchaseE2eTest extends SpendE2eSupport {

    /** Fresh for every test: the mandate's sender and beneficiary, a sender key of the sender, a certified merchant. */
    private long s;
    private long b;
    private E2eHttp sender;
    private long certified;

    @BeforeEach
    void parties() {
        s = user("sender");
        b = user("beneficiary");
        sender = as(key("sender", s));
        certified = merchant("Certified", null, true);
    }

    @Test
    void ac043PurchaseByCategoryIsIdempotent() {
        long digital = category("DIGITAL");
        long streamBox = merchant("StreamBox", digital, false);
        E2eHttp.Result allow = once(admin(), "/spend/allow", Map.of("owner_id", b, "category_id", digital));
        assertEquals(201, allow.status(), allow.body());
        Map<String, Object> m = mandateBody(s, b, "200.00", "EUR");
        m.put("allowed_category_id", digital);
        mandate(sender, m);

        Map<String, Object> body = purchase(s, b, streamBox, 15.5, "EUR");
        String key = "ac043-" + suffix();
        E2eHttp.Result first = sender.postJson("/spend/purchases", body, "Idempotency-Key", key);
        assertEquals(201, first.status(), first.body());
        assertEquals(digital, first.json().path("category_id").asLong());
        assertEquals("15.50", first.json().path("amount").asText());
        E2eHttp.Result again = sender.postJson("/spend/purchases", body, "Idempotency-Key", key);
        assertEquals(201, again.status(), again.body());
        assertEquals(first.json().path("id").asLong(), again.json().path("id").asLong());
        assertError(409, "IDEMPOTENCY_KEY_CONFLICT", sender.postJson("/spend/purchases", purchase(s, b, streamBox, 99, "EUR"),
                "Idempotency-Key", key));
    }

    @Test
    void ac044PurchaseRequiresAMandateAndAnAllowedUsage() {
        long shop = merchant("Shop", null, false);
        assertError(403, "MANDATE_REQUIRED", buy(sender, purchase(s, b, shop, 10.0, "USD")));
        mandate(sender, mandateBody(s, b, "150.00", "USD"));
        assertError(403, "UNAUTHORIZED_USAGE", buy(sender, purchase(s, b, shop, 10.0, "USD")));
        assertEquals(201, admin().postJson("/spend/allow", Map.of("owner_id", b, "merchant_id", shop)).status());
        E2eHttp.Result ok = buy(sender, purchase(s, b, shop, 42.0, "USD"));
        assertEquals(201, ok.status(), ok.body());
        assertEquals("COMPLETED", ok.json().path("status").asText());
    }

    @Test
    void ac045MandateRestrictions() {
        long a = merchant("A", null, true);
        long other = merchant("B", null, true);
        Map<String, Object> m = mandateBody(s, b, "60.00", "USD");
        m.put("allowed_merchant_id", a);
        mandate(sender, m);
        E2eHttp.Result ok = buy(sender, purchase(s, b, a, 25.0, "USD"));
        assertEquals(201, ok.status(), ok.body());
        assertEquals("COMPLETED", ok.json().path("status").asText());
        assertError(403, "MANDATE_MERCHANT_FORBIDDEN", buy(sender, purchase(s, b, other, 5.0, "USD")));

        // category variant: mandate restricted to C, merchant in D
        long b2 = user("beneficiary");
        long c = category("C");
        long d = category("D");
        long inD = merchant("InD", d, true);
        Map<String, Object> m2 = mandateBody(s, b2, "60.00", "USD");
        m2.put("allowed_category_id", c);
        mandate(sender, m2);
        assertError(403, "MANDATE_CATEGORY_FORBIDDEN", buy(sender, purchase(s, b2, inD, 5.0, "USD")));
    }

    @Test
    void ac046WrongSender() {
        long other = user("other");
        Map<String, Object> m = mandateBody(s, b, "50.00", "EUR");
        m.put("allowed_merchant_id", certified);
        mandate(sender, m);
        assertError(403, "MANDATE_REQUIRED", buy(sender, purchase(other, b, certified, 10, "EUR")));
    }

    @Test
    void ac047AmountNormalisationAndConsumption() {
        long id = mandate(sender, mandateBody(s, b, "100.00", "USD"));
        E2eHttp.Result r = buy(sender, purchase(s, b, certified, "33.335", "USD"));
        assertEquals(201, r.status(), r.body());
        assertEquals("33.34", r.json().path("amount").asText());
        E2eHttp.Result read = sender.get("/mandates/" + id);
        assertEquals(200, read.status(), read.body());
        assertEquals("33.34", read.json().path("total_spent").asText());
        assertEquals("ACTIVE", read.json().path("status").asText());
    }

    @Test
    void ac048MandateExhausted() {
        long id = mandate(sender, mandateBody(s, b, "30.00", "USD"));
        assertEquals(201, buy(sender, purchase(s, b, certified, "20.00", "USD")).status());
        assertError(409, "MANDATE_CONFLICT", buy(sender, purchase(s, b, certified, "10.01", "USD")));
        assertEquals(201, buy(sender, purchase(s, b, certified, "10.00", "USD")).status());
        E2eHttp.Result read = sender.get("/mandates/" + id);
        assertEquals("CONSUMED", read.json().path("status").asText(), read.body());
        assertEquals("30.00", read.json().path("total_spent").asText());
        assertError(403, "MANDATE_REQUIRED", buy(sender, purchase(s, b, certified, "1.00", "USD")));
    }

    @Test
    void ac049ConcurrentSpendsAreAtomic() throws Exception {
        mandate(sender, mandateBody(s, b, "30.00", "USD"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (String k : List.of("mandate-k1-" + suffix(), "mandate-k2-" + suffix())) {
                calls.add(() -> sender.postJson("/spend/purchases", purchase(s, b, certified, "20.00", "USD"), "Idempotency-Key", k).status());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                codes.add(f.get());
            }
            codes.sort(null);
            assertEquals(List.of(201, 409), codes);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ac050MandateCreationRules() {
        Map<String, Object> body = mandateBody(s, b, "100", "USD");
        E2eHttp.Result created = once(sender, "/mandates", body);
        assertEquals(201, created.status(), created.body());
        assertEquals("ACTIVE", created.json().path("status").asText());
        assertEquals("100.00", created.json().path("total_amount").asText());
        assertError(409, "ACTIVE_MANDATE_EXISTS", sender.postJson("/mandates", body));
        Map<String, Object> past = mandateBody(s, b, "100", "EUR");
        past.put("expires_at", "2000-01-01T00:00:00Z");
        assertError(400, "MANDATE_EXPIRES_IN_PAST", sender.postJson("/mandates", past));
        assertError(404, "USER_NOT_FOUND", sender.postJson("/mandates", mandateBody(999_999_999L, b, "10", "EUR")));
        Map<String, Object> unknownMerchant = mandateBody(s, b, "10", "EUR");
        unknownMerchant.put("allowed_merchant_id", 999_999_999L);
        assertError(404, "MERCHANT_NOT_FOUND", sender.postJson("/mandates", unknownMerchant));
        assertError(422, "VALIDATION_ERROR", sender.postJson("/mandates", mandateBody(s, b, "10", "usd")));
    }

    @Test
    void ac051CatalogueRulesAndDuplicateAllow() {
        String adminActor = actor(stack().adminKey());
        String code = "CAT-" + suffix();
        E2eHttp.Result created = admin().postJson("/spend/categories", Map.of("code", code, "label", "Category"));
        assertEquals(201, created.status(), created.body());
        long cat = created.json().path("id").asLong();
        assertEquals(1, spendAudits("action = 'SPEND_CATEGORY_CREATED' and entity_id = ? and actor like 'apikey:%' and actor = ?", cat, adminActor));
        assertError(400, "CATEGORY_EXISTS", admin().postJson("/spend/categories", Map.of("code", code, "label", "again")));
        String name = "Merchant-" + suffix();
        assertEquals(201, admin().postJson("/spend/merchants", Map.of("name", name, "category_id", cat)).status());
        assertError(400, "MERCHANT_EXISTS", admin().postJson("/spend/merchants", Map.of("name", name)));
        assertError(404, "CATEGORY_NOT_FOUND", admin().postJson("/spend/merchants", Map.of("name", "M-" + suffix(), "category_id", 999_999_999L)));
        long owner = user("owner");
        long shop = merchant("Shop", cat, false);
        assertError(422, "VALIDATION_ERROR", admin().postJson("/spend/allow", Map.of("owner_id", owner, "merchant_id", shop, "category_id", cat)));
        E2eHttp.Result added = once(admin(), "/spend/allow", Map.of("owner_id", owner, "merchant_id", shop));
        assertEquals(201, added.status(), added.body());
        assertEquals("added", added.json().path("status").asText());
        E2eHttp.Result exists = admin().postJson("/spend/allow", Map.of("owner_id", owner, "merchant_id", shop));
        assertEquals(201, exists.status(), exists.body());
        assertEquals("exists", exists.json().path("status").asText());
        assertEquals(1, spendAudits("action = 'SPEND_ALLOW_EXISTS' and data_json->>'owner_id' = ? and actor = ?", String.valueOf(owner), adminActor));
    }

    @Test
    void ac052PurchaseKeyRequiredAndMandateExpiry() {
        assertError(400, "IDEMPOTENCY_KEY_REQUIRED", sender.postJson("/spend/purchases", purchase(s, b, certified, 1, "USD")));
        assertError(400, "IDEMPOTENCY_KEY_REQUIRED", sender.postJson("/spend/purchases", purchase(s, b, certified, 1, "USD"), "Idempotency-Key", "  "));

        long id = mandate(sender, mandateBody(s, b, "10.00", "USD"));
        // the one arrangement acceptance.md allows through the database: a mandate whose expiry has passed
        assertEquals(1, spendUpdate("update usage_mandates set expires_at = now() - interval '1 minute' where id = ?", id));
        E2eHttp.Result cleanup = sender.postJson("/mandates/cleanup", null);
        assertEquals(202, cleanup.status(), cleanup.body());
        assertEquals(1, cleanup.json().path("expired").asInt(), cleanup.body());
        assertEquals("EXPIRED", sender.get("/mandates/" + id).json().path("status").asText());
        assertEquals(1, spendAudits("action = 'MANDATE_EXPIRED' and entity = 'UsageMandate' and entity_id = ?", id));
    }
}
