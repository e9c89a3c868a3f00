package com.kobatela.kernel.jobs;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * This instance's scheduler lease (spec {@code rules.md#jobs}): reads {@code SCHEDULER_ENABLED} (property
 * {@code scheduler.enabled}), heart-beats the lock every {@code kobatela.jobs.heartbeat} (60 s) with a TTL of
 * {@code kobatela.jobs.lock-ttl} (300 s), releases it on shutdown. Exists only in services built with
 * {@code kobatela.jobs.lease=true}, which must include {@code db/kobatela/jobs-changelog.xml} in their change log.
 * Jobs call {@link #runLocked}.
 */
@ApplicationScoped
@IfBuildProperty(name = "kobatela.jobs.lease", stringValue = "true")
public class InstanceScheduler {

    private static final Logger LOG = Logger.getLogger(InstanceScheduler.class);

    @Inject
    SchedulerLocks locks;

    @ConfigProperty(name = "scheduler.enabled")
    Optional<String> enabledFlag;

    @ConfigProperty(name = "kobatela.jobs.lock-name", defaultValue = "default")
    String lockName;

    @ConfigProperty(name = "kobatela.jobs.lock-ttl", defaultValue = "300s")
    Duration ttl;

    private SchedulerLease lease;

    @PostConstruct
    void init() {
        lease = new SchedulerLease(locks, lockName, SchedulerLease.instanceOwner(), ttl, SchedulerFlag.isOn(enabledFlag.orElse(null)));
        LOG.infof("scheduler %s (lock %s, instance %s)", lease.enabled() ? "enabled" : "disabled", lockName, lease.owner());
    }

    /** Heartbeat (every 60 s by default, only once the application runs). */
    @Scheduled(identity = "scheduler-lock-heartbeat", every = "${kobatela.jobs.heartbeat:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> heartbeat() {
        return lease.heartbeat().replaceWithVoid();
    }

    void shutdown(@Observes ShutdownEvent ev) {
        try {
            lease.release().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("scheduler lock %s not released on shutdown (it expires by itself): %s", lockName, e.toString());
        }
    }

    /**
     * Runs a job if the flag is on and this instance holds (re-acquires) the lock.
     *
     * @return true when it ran, false when skipped
     */
    public Uni<Boolean> runLocked(String jobName, Supplier<Uni<?>> job) {
        return lease.runLocked(jobName, job);
    }

    /** The lease (health, tests). */
    public SchedulerLease lease() {
        return lease;
    }
}
