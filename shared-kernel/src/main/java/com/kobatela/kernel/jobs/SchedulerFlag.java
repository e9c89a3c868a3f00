package com.kobatela.kernel.jobs;

import java.util.Set;

/**
 * The job runner flag {@code SCHEDULER_ENABLED} (spec {@code rules.md#jobs}, original {@code KOB_SCHEDULER_ENABLED}):
 * on only for {@code 1}, {@code true}, {@code yes}, {@code True}, {@code YES} (surrounding blanks ignored); anything
 * else, and no value, is off.
 */
public final class SchedulerFlag {

    private static final Set<String> ON = Set.of("1", "true", "yes", "True", "YES");

    private SchedulerFlag() {
    }

    /**
     * @param raw the configured value, may be null
     * @return true when jobs may run on this instance (they still need the scheduler lock)
     */
    public static boolean isOn(String raw) {
        return raw != null && ON.contains(raw.strip());
    }
}
