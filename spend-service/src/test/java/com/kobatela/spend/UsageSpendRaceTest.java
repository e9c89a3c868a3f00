package com.kobatela.spend;

import static com.kobatela.spend.SpendFixtures.awaitTrue;
import static com.kobatela.spend.SpendFixtures.concurrently;
import static com.kobatela.spend.SpendFixtures.fundedEscrow;
import static com.kobatela.spend.SpendFixtures.payee;
import static com.kobatela.spend.SpendFixtures.payoutKey;
import static com.kobatela.spend.SpendFixtures.post;
import static com.kobatela.spend.SpendFixtures.spendBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.kobatela.kernel.event.EventTypes;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Races of usage spends on a real PostgreSQL and Kafka (spec rules.md#payees, #idempotency; issue 6 proofs): 20
 * concurrent spends against a payee's daily limit never go above it, also across reservations released later by
 * {@code payment.payout-rejected}; the same Idempotency-Key sent concurrently has one effect.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class UsageSpendRaceTest {

    @BeforeAll
    static void fakePaymentService() {
        FakePaymentService.start();
    }

    private static BigDecimal spentToday(long payeeId) {
        return (BigDecimal) TestDb.query("select spent_today from allowed_payees where id = ?", payeeId).get(0).get("spent_today");
    }

    /** spent_today equals the spends of the day still reserved or confirmed: the counter never drifts. */
    private static void assertCounterMatchesSpends(long payeeId) {
        BigDecimal held = (BigDecimal) TestDb.query("select coalesce(sum(s.amount), 0) as v from usage_spends s join allowed_payees p "
                + "on p.id = s.payee_id where s.payee_id = ? and s.status <> 'RELEASED' and s.reserved_on = p.last_reset_at", payeeId)
                .get(0).get("v");
        assertEquals(0, held.compareTo(spentToday(payeeId)), "spent_today = sum of today's live spends");
    }

    @Test
    void twentyConcurrentSpendsNeverExceedTheDailyLimitAcrossARelease() throws Exception {
        long user = 4201;
        String principal = "user:" + user;
        String sender = TestTokens.sender(61, user);
        long e = fundedEscrow(principal, "10000.00");
        long p = payee(e, "DAILY-100", "100.00", null);

        // wave 1: payment-service holds every payout; 10 of 20 fit, the others are refused
        String wave = UUID.randomUUID().toString();
        for (int i = 0; i < 20; i++) {
            FakePaymentService.hold(payoutKey(principal, wave + "-" + i));
        }
        List<Response> first = concurrently(20, i -> post(sender, "/spend", wave + "-" + i, spendBody(e, "DAILY-100", "10.00")));
        List<Integer> accepted = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Response r = first.get(i);
            if (r.statusCode() == 200) {
                assertEquals("PENDING", r.jsonPath().getString("status"));
                accepted.add(i);
            } else {
                assertEquals(409, r.statusCode(), r.asString());
                assertEquals("DAILY_LIMIT_REACHED", r.jsonPath().getString("error.code"));
            }
        }
        assertEquals(10, accepted.size());
        assertEquals(0, new BigDecimal("100.00").compareTo(spentToday(p)));
        assertEquals(10, TestDb.count("select count(*) from audit_logs where action = 'USAGE_DAILY_LIMIT_REJECTED' and entity_id = ?", p));
        assertCounterMatchesSpends(p);

        // payment-service refuses two of the reserved payouts: their amounts become available again, once
        for (int i : accepted.subList(0, 2)) {
            String key = payoutKey(principal, wave + "-" + i);
            FakePaymentService.publish(EventTypes.PAYOUT_REJECTED, e, null, "10.00", "REJECTED", key, "INSUFFICIENT_ESCROW_BALANCE",
                    "DAILY-100", null);
        }
        awaitTrue(() -> TestDb.count("select count(*) from usage_spends where payee_id = ? and status = 'RELEASED'", p) == 2);
        assertEquals(0, new BigDecimal("80.00").compareTo(spentToday(p)));
        assertCounterMatchesSpends(p);

        // wave 2: settled at once by payment-service; exactly the released 20.00 fit again
        List<Integer> codes = concurrently(20, i -> post(sender, "/spend", UUID.randomUUID().toString(),
                spendBody(e, "DAILY-100", "10.00")).statusCode());
        assertEquals(2, codes.stream().filter(c -> c == 200).count(), codes.toString());
        assertTrue(codes.stream().allMatch(c -> c == 200 || c == 409), codes.toString());
        assertEquals(0, new BigDecimal("100.00").compareTo(spentToday(p)));
        assertCounterMatchesSpends(p);
        assertEquals(10, TestDb.count("select count(*) from usage_spends where payee_id = ? and status <> 'RELEASED'", p));
    }

    @Test
    void sameKeyConcurrentlyReservesOnce() throws Exception {
        long user = 4202;
        String principal = "user:" + user;
        String sender = TestTokens.sender(62, user);
        long e = fundedEscrow(principal, "500.00");
        long p = payee(e, "ONCE", "100.00", "100.00");
        String key = "same-" + UUID.randomUUID();
        Map<String, Object> body = spendBody(e, "ONCE", "60.00");

        List<Response> answers = concurrently(10, i -> post(sender, "/spend", key, body));
        long spendIds = answers.stream().filter(r -> r.statusCode() == 200).map(r -> r.jsonPath().getLong("spend_id")).distinct().count();
        for (Response r : answers) {
            assertTrue(r.statusCode() == 200 || (r.statusCode() == 409 && "IDEMPOTENCY_KEY_IN_PROGRESS".equals(r.jsonPath().getString("error.code"))),
                    r.asString());
        }
        assertEquals(1, spendIds, "every 200 is the same spend");
        assertEquals(1, TestDb.count("select count(*) from usage_spends where idempotency_key = ?", key));
        assertEquals(1, TestDb.count("select count(*) from outbox_events where payload like ?", "%" + payoutKey(principal, key) + "%"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'USAGE_SPEND_RESERVED' and data_json->>'payout_idempotency_key' = ?",
                payoutKey(principal, key)));
        assertEquals(0, new BigDecimal("60.00").compareTo(spentToday(p)));
        // the same key under another principal is another request: a foreign escrow for it
        post(TestTokens.sender(63, 4203), "/spend", key, body).then().statusCode(404);
    }

    @Test
    void aKeyHeldByARunningRequestAnswersInProgressThenReplays() throws Exception {
        long user = 4204;
        String principal = "user:" + user;
        String sender = TestTokens.sender(64, user);
        long e = fundedEscrow(principal, "100.00");
        payee(e, "HELD", null, null);
        String key = "held-" + UUID.randomUUID();
        Map<String, Object> body = spendBody(e, "HELD", "5.00");
        // a first request with this key still running = its transaction holding the key's advisory lock
        var cfg = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String url = "jdbc:postgresql://" + cfg.getValue("kobatela.db.host", String.class) + ":" + cfg.getValue("kobatela.db.port", String.class)
                + "/" + cfg.getValue("kobatela.db.name", String.class);
        try (java.sql.Connection first = java.sql.DriverManager.getConnection(url, cfg.getValue("kobatela.db.user", String.class),
                cfg.getOptionalValue("kobatela.db.password", String.class).orElse(""))) {
            first.setAutoCommit(false);
            try (var st = first.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                st.setString(1, "POST /spend|" + principal + "|" + key);
                st.execute();
            }
            post(sender, "/spend", key, body).then().statusCode(409).body("error.code", org.hamcrest.Matchers.equalTo("IDEMPOTENCY_KEY_IN_PROGRESS"));
            assertEquals(0, TestDb.count("select count(*) from usage_spends where idempotency_key = ?", key));
            first.rollback();
        }
        long spend = post(sender, "/spend", key, body).then().statusCode(200).extract().jsonPath().getLong("spend_id");
        post(sender, "/spend", key, body).then().statusCode(200).body("spend_id", org.hamcrest.Matchers.equalTo((int) spend));
    }
}
