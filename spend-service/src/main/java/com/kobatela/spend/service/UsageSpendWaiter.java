package com.kobatela.spend.service;

import java.math.BigDecimal;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.kobatela.spend.domain.SpendOutcome;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Lets the answer of {@code POST /spend} wait a short, bounded time for payment-service's outcome (spec
 * {@code api.md#4.8}: "status is the payment status when the answer is sent"): it re-reads the spend's own row every
 * {@code kobatela.spend.usage.response-poll} (default 100 ms) until it is settled or released, at most
 * {@code kobatela.spend.usage.response-wait} (default 3 s; 0 = answer at once). Waiting uses Vert.x timers and
 * the reactive pool, so no thread is blocked; the result is whatever state the row holds at the deadline.
 */
@ApplicationScoped
public class UsageSpendWaiter {

    private static final String READ = "select id, escrow_id, amount, status, payment_status, payment_id, psp_ref, reason_code "
            + "from usage_spends where id = $1";

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "kobatela.spend.usage.response-wait", defaultValue = "3s")
    Duration wait;

    @ConfigProperty(name = "kobatela.spend.usage.response-poll", defaultValue = "100ms")
    Duration interval;

    /**
     * The spend's state once decided, or at the deadline.
     *
     * @param spendId an existing spend
     */
    public Uni<SpendOutcome> await(long spendId) {
        long deadline = System.nanoTime() + wait.toNanos();
        return read(spendId).chain(first -> poll(first, deadline));
    }

    private Uni<SpendOutcome> poll(SpendOutcome current, long deadline) {
        if (current.decided() || System.nanoTime() >= deadline) {
            return Uni.createFrom().item(current);
        }
        long delayMs = Math.max(1, Math.min(interval.toMillis(), (deadline - System.nanoTime()) / 1_000_000));
        return Uni.createFrom().<Void>emitter(em -> vertx.setTimer(delayMs, id -> em.complete(null)))
                .chain(() -> read(current.spendId()))
                .chain(next -> poll(next, deadline));
    }

    /** The spend's current state, read on a pooled connection (outside any transaction). */
    public Uni<SpendOutcome> read(long spendId) {
        return pool.preparedQuery(READ).execute(Tuple.of(spendId)).map(UsageSpendWaiter::outcome);
    }

    private static SpendOutcome outcome(RowSet<Row> rows) {
        Row r = rows.iterator().next();
        BigDecimal amount = r.getBigDecimal("amount").setScale(2);
        return new SpendOutcome(r.getLong("id"), r.getLong("escrow_id"), amount, r.getString("status"), r.getString("payment_status"),
                r.getLong("payment_id"), r.getString("psp_ref"), r.getString("reason_code"));
    }
}
