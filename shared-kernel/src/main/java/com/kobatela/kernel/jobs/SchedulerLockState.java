package com.kobatela.kernel.jobs;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What an instance sees of a scheduler lock, for health (spec {@code api.md#1.1} {@code scheduler_lock},
 * {@code rules.md#jobs}). Times are measured with the database clock.
 *
 * @param status           {@code none} (no row), {@code owned_by_self}, {@code owned_by_other}, or {@code unknown}
 *                         (database unreachable)
 * @param owner            the holder's instance id, or null
 * @param present          true when a row exists
 * @param ageSeconds       seconds since the holder acquired it, or null
 * @param expiresInSeconds seconds until it expires (negative once expired), or null
 * @param stale            true when it expired more than 60 s ago (or has no expiry): its holder stopped heart-beating
 */
@RegisterForReflection
public record SchedulerLockState(String status, String owner, boolean present, Long ageSeconds, Long expiresInSeconds,
        boolean stale) {

    public static final String NONE = "none";
    public static final String OWNED_BY_SELF = "owned_by_self";
    public static final String OWNED_BY_OTHER = "owned_by_other";
    public static final String UNKNOWN = "unknown";

    /** No row for the lock. */
    public static SchedulerLockState none() {
        return new SchedulerLockState(NONE, null, false, null, null, false);
    }

    /** The database could not be asked. */
    public static SchedulerLockState unknown() {
        return new SchedulerLockState(UNKNOWN, null, false, null, null, false);
    }
}
