package com.kobatela.spend.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.kobatela.kernel.jobs.InstanceScheduler;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The {@code expire-mandates} job (spec {@code rules.md#jobs}, {@code #mandates}): every
 * {@code kobatela.spend.expire-mandates.every} (default 60 minutes), expires due mandates with actor
 * {@code system:expire-mandates}. Runs only when {@code SCHEDULER_ENABLED} is {@code 1}/{@code true}/{@code yes}, never
 * before startup ends, never twice at once in this instance, and only in the replica that holds the
 * {@code scheduler_locks} lease (shared-kernel {@link InstanceScheduler}); a second run, or a run after a lock
 * takeover, expires nothing more (conditional updates).
 */
@ApplicationScoped
public class ExpireMandatesJob {

    /** Job name (logs, scheduler identity). */
    public static final String JOB = "expire-mandates";

    private static final Logger LOG = Logger.getLogger(ExpireMandatesJob.class);

    @Inject
    MandateService mandates;

    @Inject
    InstanceScheduler scheduler;

    /** True when the scheduler flag is on for this instance. */
    public boolean enabled() {
        return scheduler.lease().enabled();
    }

    /** The scheduled trigger: runs {@link #run()} if this instance may. */
    @Scheduled(identity = JOB, every = "${kobatela.spend.expire-mandates.every:60m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> onSchedule() {
        return scheduler.runLocked(JOB, this::run)
                .onFailure().invoke(e -> LOG.errorf("job %s failed, retried at the next run: %s", JOB, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * One run of the job, whatever the flag and the lock (tests call it directly).
     *
     * @return the number of mandates expired
     */
    public Uni<Integer> run() {
        return mandates.expireAsJob().invoke(n -> {
            if (n > 0) {
                LOG.infof("job %s expired %d mandate(s)", JOB, n);
            }
        });
    }
}
