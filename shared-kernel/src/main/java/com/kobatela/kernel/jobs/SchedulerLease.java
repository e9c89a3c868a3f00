package com.kobatela.kernel.jobs;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * One instance's lease on a scheduler lock (spec {@code rules.md#jobs}, ARCHITECTURE §6): jobs run only when the
 * runner flag is on and only while this instance holds the lock. Before each run the lease is re-acquired (or
 * extended) in the database, so a run never relies on an in-memory belief that the lock is still held; the heartbeat
 * keeps it alive between runs and during long runs; {@link #release()} hands it over on shutdown.
 *
 * <p>Plain class so that tests can run several "instances" against one database; a service gets its own through
 * {@link InstanceScheduler}.
 */
public class SchedulerLease {

    private static final Logger LOG = Logger.getLogger(SchedulerLease.class);

    private final SchedulerLocks locks;
    private final String lockName;
    private final String owner;
    private final Duration ttl;
    private final boolean enabled;
    private volatile boolean held;

    /**
     * @param locks    the lock table
     * @param lockName the lock's name (one row per name)
     * @param owner    this instance's unique id (≤ 64 characters), see {@link #instanceOwner()}
     * @param ttl      lease length (spec: 300 s)
     * @param enabled  the {@code SCHEDULER_ENABLED} flag; when off nothing is ever acquired or run
     */
    public SchedulerLease(SchedulerLocks locks, String lockName, String owner, Duration ttl, boolean enabled) {
        this.locks = locks;
        this.lockName = lockName;
        this.owner = owner;
        this.ttl = ttl;
        this.enabled = enabled;
    }

    /** A unique instance id: {@code <hostname>-<pid>-<8 hex>} cut to 64 characters (the original used hostname-pid). */
    public static String instanceOwner() {
        String host = System.getenv().getOrDefault("HOSTNAME", "host");
        String id = host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }

    /**
     * Runs {@code job} if the flag is on and this instance (re-)acquires the lock; otherwise skips it.
     *
     * @param jobName for logs, e.g. {@code escrow-deadlines}
     * @return true when the job ran (its failure fails the Uni), false when skipped
     */
    public Uni<Boolean> runLocked(String jobName, Supplier<Uni<?>> job) {
        if (!enabled) {
            return Uni.createFrom().item(false);
        }
        return acquire().chain(mine -> {
            if (!mine) {
                LOG.debugf("job %s skipped: lock %s held by another instance", jobName, lockName);
                return Uni.createFrom().item(false);
            }
            return Uni.createFrom().deferred(job).replaceWith(true);
        });
    }

    /** Heartbeat: acquires or extends the lease when the flag is on (a lost lease is taken back only once free). */
    public Uni<Boolean> heartbeat() {
        if (!enabled) {
            return Uni.createFrom().item(false);
        }
        return acquire();
    }

    /** Releases the lock if this instance holds it; a no-op when the flag is off. */
    public Uni<Void> release() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return locks.release(lockName, owner).invoke(deleted -> {
            held = false;
            if (deleted) {
                LOG.infof("scheduler lock %s released by %s", lockName, owner);
            }
        }).replaceWithVoid();
    }

    /** The lock as this instance sees it (health). */
    public Uni<SchedulerLockState> describe() {
        return locks.describe(lockName, owner);
    }

    /** The {@code SCHEDULER_ENABLED} flag ({@code scheduler_config_enabled} in health). */
    public boolean enabled() {
        return enabled;
    }

    /** True when the last acquisition or heartbeat succeeded ({@code scheduler_running} in health). */
    public boolean held() {
        return held;
    }

    /** This instance's id. */
    public String owner() {
        return owner;
    }

    /** The lock's name. */
    public String lockName() {
        return lockName;
    }

    private Uni<Boolean> acquire() {
        return locks.acquire(lockName, owner, ttl)
                .onFailure().invoke(e -> LOG.warnf("scheduler lock %s could not be checked: %s", lockName, e.toString()))
                .onFailure().recoverWithItem(false)
                .invoke(mine -> {
                    if (mine != held) {
                        LOG.infof("scheduler lock %s %s by %s", lockName, mine ? "held" : "not held", owner);
                    }
                    held = mine;
                });
    }
}
