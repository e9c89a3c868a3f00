package com.kobatela.escrow.service;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.kobatela.kernel.jobs.InstanceScheduler;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Job {@code escrow-deadlines} (NEW, spec {@code rules.md#deadline}, {@code #jobs}): every
 * {@code kobatela.escrow.deadline-sweep.every} (15 min), only when {@code SCHEDULER_ENABLED} is on, after startup, never
 * overlapping itself, and only while this instance holds the scheduler lock, it releases every FUNDED escrow whose
 * {@code deadline_at} has passed, as {@code check-deadline} would, with actor {@code system:deadline}. Each escrow is
 * released in its own transaction, decided under its row lock, so a second run or another replica changes nothing more.
 */
@ApplicationScoped
public class DeadlineSweep {

    /** Job name (logs, scheduler identity). */
    public static final String JOB = "escrow-deadlines";

    private static final Logger LOG = Logger.getLogger(DeadlineSweep.class);

    @Inject
    InstanceScheduler scheduler;

    @Inject
    EscrowLifecycle lifecycle;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kobatela.escrow.deadline-sweep.batch-size", defaultValue = "200")
    int batchSize;

    /** The scheduled trigger: runs {@link #sweep()} if this instance may. */
    @Scheduled(identity = JOB, every = "${kobatela.escrow.deadline-sweep.every:15m}", delayed = "${kobatela.escrow.deadline-sweep.delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return scheduler.runLocked(JOB, this::sweep)
                .onFailure().invoke(e -> LOG.errorf("job %s failed, retried at the next run: %s", JOB, e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * One run: releases every FUNDED escrow past its deadline, in batches of {@code batch-size}, oldest deadline first.
     * A failure on one escrow is logged and the others continue (it is retried at the next run).
     *
     * @return how many escrows this run released
     */
    public Uni<Integer> sweep() {
        return batch(0, 0).invoke(n -> {
            if (n > 0) {
                LOG.infof("job %s released %d escrow(s) past their deadline", JOB, n);
            }
        });
    }

    private Uni<Integer> batch(long afterId, int released) {
        return pool.preparedQuery("select id from escrow_agreements where status = 'FUNDED' and deadline_at <= now() and id > $1 "
                + "order by id limit $2")
                .execute(Tuple.of(afterId, batchSize))
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>();
                    for (Row r : rows) {
                        ids.add(r.getLong("id"));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(released);
                    }
                    return Multi.createFrom().iterable(ids)
                            .onItem().transformToUniAndConcatenate(this::releaseOne)
                            .collect().with(Collectors.summingInt(b -> b ? 1 : 0))
                            .chain(n -> ids.size() < batchSize ? Uni.createFrom().item(released + n)
                                    : batch(ids.get(ids.size() - 1), released + n));
                });
    }

    private Uni<Boolean> releaseOne(long escrowId) {
        return lifecycle.releaseAtDeadline(escrowId)
                .onFailure().invoke(e -> LOG.warnf("job %s could not release escrow %d: %s", JOB, escrowId, e.toString()))
                .onFailure().recoverWithItem(false);
    }
}
