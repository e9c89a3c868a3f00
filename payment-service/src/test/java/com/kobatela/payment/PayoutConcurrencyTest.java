package com.kobatela.payment;

import static com.kobatela.payment.PaymentTestData.balance;
import static com.kobatela.payment.PaymentTestData.eventually;
import static com.kobatela.payment.PaymentTestData.json;
import static com.kobatela.payment.PaymentTestData.nextId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.payment.domain.PaymentSources;
import com.kobatela.payment.domain.PayoutCommand;
import com.kobatela.payment.domain.PayoutDecision;
import com.kobatela.payment.service.AfterCommit;
import com.kobatela.payment.service.PaymentDispatcher;
import com.kobatela.payment.service.PayoutService;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestEvents;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The authoritative balance check under concurrency (spec rules.md#balance): 20 payouts of 10.00 at once against
 * 100.00 → exactly 10 paid, 10 rejected, the balance never negative (the database refuses an overdrawn balance).
 */
@QuarkusTest
@TestProfile(PaymentTestProfile.class)
class PayoutConcurrencyTest {

    @Inject
    PayoutService payouts;

    @Inject
    PaymentDispatcher dispatcher;

    @Inject
    Transactions transactions;

    @BeforeEach
    void reset() {
        Psp.reset();
    }

    @Test
    void twentyConcurrentRequestsFromBothTopicsAgainstABalanceForTen() throws Exception {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "USD", "100.00");
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean usage = i % 2 == 0;
            sent.add(pool.submit(() -> {
                start.await();
                keys.add(usage ? PaymentTestData.usagePayoutRequested(escrowId, "10.00", "USD", "payee-" + nextId(), null)
                        : PaymentTestData.payoutRequested(escrowId, nextId(), "10.00", "USD"));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : sent) {
            f.get();
        }
        pool.shutdown();

        eventually(() -> rejected(keys) + TestDb.count("select count(*) from payments where escrow_id = ? and status in ('SENT', 'SETTLED')",
                escrowId) == 20);
        assertEquals(10, TestDb.count("select count(*) from payments where escrow_id = ?", escrowId));
        assertEquals(10, rejected(keys));
        assertEquals(10, Psp.payouts());
        var b = balance(escrowId);
        assertEquals(new BigDecimal("100.00"), b.get("debited"));
        assertEquals(new BigDecimal("0.00"), b.get("reserved"));
        assertEquals(new BigDecimal("0.00"), b.get("available"));
        assertEquals(new BigDecimal("100.00"), TestDb.query("select sum(amount) as s from ledger_entries where escrow_id = ? and kind = 'DEBIT'",
                escrowId).get(0).get("s"));
    }

    private static long rejected(List<String> keys) {
        Set<String> wanted = Set.copyOf(keys);
        return PaymentTestData.paymentTopic().stream()
                .filter(r -> "payment.payout-rejected.v1".equals(TestEvents.header(r, "ce_type")))
                .filter(r -> wanted.contains(json(r.value()).path("idempotency_key").asText())
                        && "INSUFFICIENT_ESCROW_BALANCE".equals(json(r.value()).path("reason_code").asText()))
                .count();
    }

    @Test
    void twentyConcurrentReservationsInTheServiceReserveExactlyTen() throws Exception {
        long escrowId = PaymentTestData.escrow("user:" + nextId(), "EUR", "100.00");
        List<Long> toSend = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<PayoutDecision>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long milestoneId = nextId();
            PayoutCommand cmd = new PayoutCommand(escrowId, milestoneId, new BigDecimal("10.00"), "EUR", "user:2",
                    PaymentTestData.milestoneKey(escrowId, milestoneId, "10.00"), PaymentSources.MILESTONE, null, "system:test", null);
            Callable<PayoutDecision> task = () -> {
                start.await();
                AfterCommit after = new AfterCommit();
                PayoutDecision d = PaymentTestData.onVertx(() -> transactions.inTransaction(
                        () -> payouts.reserve(cmd, after, toSend::add)));
                after.run();
                return d;
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        int created = 0;
        int refused = 0;
        for (Future<PayoutDecision> f : results) {
            PayoutDecision d = f.get();
            if (d.kind() == PayoutDecision.Kind.CREATE) {
                created++;
            } else {
                assertEquals(PayoutDecision.Kind.REJECT, d.kind());
                assertEquals("INSUFFICIENT_ESCROW_BALANCE", d.reason());
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(10, created);
        assertEquals(10, refused);
        assertEquals(10, toSend.size());
        var b = balance(escrowId);
        assertEquals(new BigDecimal("100.00"), b.get("reserved"));
        assertEquals(new BigDecimal("0.00"), b.get("available"));

        // the database itself refuses an overdrawn balance, whatever the code does
        assertTrue(refusesOverdraft(escrowId));

        // send them, so that nothing is left PENDING for other tests
        for (Long id : toSend) {
            PaymentTestData.onVertx(() -> dispatcher.dispatch(id, null));
        }
        assertEquals(10, TestDb.count("select count(*) from payments where escrow_id = ? and status = 'SENT'", escrowId));
        b = balance(escrowId);
        assertEquals(new BigDecimal("100.00"), b.get("debited"));
        assertEquals(new BigDecimal("0.00"), b.get("reserved"));
    }

    private static boolean refusesOverdraft(long escrowId) {
        try {
            TestDb.update("update escrow_balances set reserved = reserved + 0.01 where escrow_id = ?", escrowId);
            return false;
        } catch (IllegalStateException e) {
            return e.getCause().getMessage().contains("ck_escrow_balances_never_overdrawn");
        }
    }
}
