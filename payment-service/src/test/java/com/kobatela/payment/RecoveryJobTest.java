package com.kobatela.payment;

import static com.kobatela.payment.PaymentTestData.awaitPayment;
import static com.kobatela.payment.PaymentTestData.balance;
import static com.kobatela.payment.PaymentTestData.nextId;
import static com.kobatela.payment.PaymentTestData.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kobatela.testsupport.TestDb;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Crash recovery (spec rules.md#payouts; ARCHITECTURE §6): a payment left PENDING after the PSP accepted it (crash
 * between the PSP call and our second transaction) is sent again by the job with the same idempotency key; the PSP
 * returns the payout it has, so it is recorded SENT with that reference and nothing is paid twice. One replica at a time.
 */
@QuarkusTest
@TestProfile(PaymentTestProfile.class)
class RecoveryJobTest {

    @BeforeEach
    void reset() {
        Psp.reset();
    }

    /** A PENDING payment as a crashed instance leaves it: reserved, attempt started, lease expired. */
    private static long crashedPayment(long escrowId, String key, String amount) {
        TestDb.update("update escrow_balances set reserved = reserved + ? where escrow_id = ?", new BigDecimal(amount), escrowId);
        TestDb.update("insert into payments (escrow_id, milestone_id, amount, currency, status, idempotency_key, source, beneficiary,"
                + " requested_by, psp_attempts, next_attempt_at, created_at, updated_at) values (?, ?, ?, 'USD', 'PENDING', ?, 'milestone',"
                + " 'user:2', 'system:test', 1, now() - interval '1 second', now(), now())", escrowId, nextId(), new BigDecimal(amount), key);
        return ((Number) payment(key).get("id")).longValue();
    }

    @Test
    void pendingPaymentAcceptedBeforeACrashIsResentWithTheSameKeyAndPaidOnce() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        String key = "pay|escrow:" + escrowId + "|ms:crash|amt:40.00|" + UUID.randomUUID();
        String pspRef = Psp.acceptDirectly(key, "40.00", "USD", "user:2");
        long id = crashedPayment(escrowId, key, "40.00");

        Map<String, Object> sent = awaitPayment(key, "SENT");
        assertEquals(pspRef, sent.get("psp_ref"));
        assertEquals(1, Psp.payouts());
        assertEquals(2, Psp.calls(), "the crashed call and the resend");
        assertEquals(2, ((Number) sent.get("psp_attempts")).intValue());
        var b = balance(escrowId);
        assertEquals(new BigDecimal("40.00"), b.get("debited"));
        assertEquals(new BigDecimal("0.00"), b.get("reserved"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs where action = 'PAYMENT_EXECUTED' and entity_id = ?", id));
        PaymentTestData.paymentEvents(key, 1);
    }

    @Test
    void onlyOneReplicaRunsTheJob() throws Exception {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        String key = "recovery-lock-" + UUID.randomUUID();
        var cfg = ConfigProvider.getConfig();
        String url = "jdbc:postgresql://" + cfg.getValue("kobatela.db.host", String.class) + ":" + cfg.getValue("kobatela.db.port", String.class)
                + "/" + cfg.getValue("kobatela.db.name", String.class);
        // another replica holds the job's lock
        try (Connection other = DriverManager.getConnection(url, cfg.getValue("kobatela.db.user", String.class), "");
                Statement st = other.createStatement()) {
            st.execute("select pg_advisory_lock(" + 0x6b6f62615f726563L + ")");
            crashedPayment(escrowId, key, "5.00");
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> "PENDING".equals(payment(key).get("status")) && ((Number) payment(key).get("psp_attempts")).intValue() == 1);
            assertEquals(0, Psp.calls());
            st.execute("select pg_advisory_unlock(" + 0x6b6f62615f726563L + ")");
        }
        awaitPayment(key, "SENT");
        assertEquals(1, Psp.payouts());
    }

    @Test
    void paymentsWithoutKeyAreLeftToManualExecution() {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        TestDb.update("update escrow_balances set reserved = reserved + 7 where escrow_id = ?", escrowId);
        long milestoneId = nextId();
        TestDb.update("insert into payments (escrow_id, milestone_id, amount, currency, status, source, beneficiary, requested_by,"
                + " psp_attempts, next_attempt_at, created_at, updated_at) values (?, ?, 7.00, 'USD', 'PENDING', 'milestone', 'user:2',"
                + " 'system:test', 0, now() - interval '1 minute', now(), now())", escrowId, milestoneId);
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> TestDb.count(
                "select count(*) from payments where milestone_id = ? and status = 'PENDING' and psp_attempts = 0", milestoneId) == 1);
        assertEquals(0, Psp.calls());
        // leave nothing behind for other tests
        TestDb.update("update payments set status = 'ERROR' where milestone_id = ?", milestoneId);
        TestDb.update("update escrow_balances set reserved = reserved - 7 where escrow_id = ?", escrowId);
    }
}
