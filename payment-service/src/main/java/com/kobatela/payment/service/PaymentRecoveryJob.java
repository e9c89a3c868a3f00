package com.kobatela.payment.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sends again the PENDING payments whose PSP call has no recorded answer (spec {@code rules.md#payouts}; ARCHITECTURE
 * §6): after a crash between the PSP's acceptance and our recording, after a timeout, a 5xx, an open circuit or a full
 * bulkhead. Every {@code kobatela.payment.recovery.interval} (default 5 s, never overlapping itself), one replica at a
 * time ({@code pg_try_advisory_xact_lock}) claims up to {@code batch-size} due payments ({@code next_attempt_at} passed,
 * {@code FOR UPDATE SKIP LOCKED}): attempts + 1 and a new lease, committed before any PSP call. Each is then sent with
 * its own idempotency key ({@link PaymentDispatcher}); the PSP returns the payout it already has for that key, so a
 * resend never pays twice. Payments without a key (created outside the payout flow) are left to manual execution.
 * Idempotent: a run that finds nothing due changes nothing. Also refreshes the PENDING gauges.
 */
@ApplicationScoped
public class PaymentRecoveryJob {

    private static final Logger LOG = Logger.getLogger(PaymentRecoveryJob.class);
    /** Advisory lock id of this job (each service has its own database). */
    static final long LOCK_ID = 0x6b6f62615f726563L;

    @Inject
    Pool pool;

    @Inject
    PaymentDispatcher dispatcher;

    @Inject
    PaymentMetrics metrics;

    @ConfigProperty(name = "kobatela.payment.recovery.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kobatela.payment.recovery.batch-size", defaultValue = "50")
    int batchSize;

    @ConfigProperty(name = "kobatela.payment.psp.lease", defaultValue = "60s")
    java.time.Duration lease;

    /** One run (scheduled). */
    @Scheduled(every = "${kobatela.payment.recovery.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return run().onFailure().invoke(e -> LOG.warnf("payment recovery run failed, tried again next run: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Claims the due payments and sends them, one after the other.
     *
     * @return how many were sent to the PSP
     */
    public Uni<Integer> run() {
        return claim().chain(ids -> {
            if (ids.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            LOG.infof("payment recovery: sending %d PENDING payment(s) again: %s", ids.size(), ids);
            return Multi.createFrom().iterable(ids)
                    .onItem().transformToUniAndConcatenate(id -> dispatcher.dispatch(id, null)
                            .onFailure().recoverWithItem(e -> {
                                LOG.warnf("payment %d: resend not recorded (%s), tried again later", id, e.toString());
                                return null;
                            }))
                    .collect().asList().map(List::size);
        }).call(this::refreshGauges);
    }

    private Uni<List<Long>> claim() {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(LOCK_ID))
                .chain(rs -> {
                    if (!rs.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(List.<Long>of());
                    }
                    return conn.preparedQuery("update payments set psp_attempts = psp_attempts + 1, updated_at = now(),"
                            + " next_attempt_at = now() + $2 * interval '1 millisecond'"
                            + " where id in (select id from payments where status = 'PENDING' and idempotency_key is not null"
                            + " and next_attempt_at <= now() order by next_attempt_at limit $1 for update skip locked) returning id")
                            .execute(Tuple.of(batchSize, (double) lease.toMillis()))
                            .map(rows -> {
                                List<Long> ids = new ArrayList<>();
                                for (Row r : rows) {
                                    ids.add(r.getLong(0));
                                }
                                return ids;
                            });
                }));
    }

    private Uni<Void> refreshGauges() {
        return pool.query("select count(*), count(*) filter (where next_attempt_at < now() - interval '1 minute')"
                + " from payments where status = 'PENDING'").execute()
                .invoke(rs -> {
                    Row r = rs.iterator().next();
                    metrics.pending(r.getLong(0), r.getLong(1));
                })
                .replaceWithVoid();
    }
}
