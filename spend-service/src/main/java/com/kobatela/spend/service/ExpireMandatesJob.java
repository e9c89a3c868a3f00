package com.kobatela.spend.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.kobatela.spend.domain.MandateRules;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The {@code expire-mandates} job (spec {@code rules.md#jobs}, {@code #mandates}): every
 * {@code kobatela.spend.expire-mandates.every} (default 60 minutes), expires due mandates with actor
 * {@code system:expire-mandates}. Runs only when {@code kobatela.scheduler.enabled} ({@code SCHEDULER_ENABLED}) is
 * {@code 1}/{@code true}/{@code yes}, never before startup ends, never twice at once in this instance, and in one
 * replica at a time (advisory lock in {@link MandateService#expireAsJob}).
 */
@ApplicationScoped
public class ExpireMandatesJob {

    private static final Logger LOG = Logger.getLogger(ExpireMandatesJob.class);

    @Inject
    MandateService mandates;

    @ConfigProperty(name = "kobatela.scheduler.enabled", defaultValue = "false")
    String enabled;

    /** True when the scheduler flag is on. */
    public boolean enabled() {
        return MandateRules.flagOn(enabled);
    }

    /** The scheduled trigger; does nothing while the flag is off. */
    @Scheduled(identity = "expire-mandates", every = "${kobatela.spend.expire-mandates.every:60m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> onSchedule() {
        if (!enabled()) {
            return Uni.createFrom().voidItem();
        }
        return run().invoke(n -> {
            if (n > 0) {
                LOG.infof("expire-mandates: %d mandate(s) expired", n);
            }
        }).onFailure().invoke(e -> LOG.error("expire-mandates failed", e)).onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * One run of the job, whatever the flag.
     *
     * @return the number of mandates expired (0 when another replica holds the lock)
     */
    public Uni<Integer> run() {
        return mandates.expireAsJob();
    }
}
