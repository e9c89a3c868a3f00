package com.kobatela.kernel.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code SCHEDULER_ENABLED} values (spec {@code rules.md#jobs}): only the five original spellings turn jobs on. */
class SchedulerFlagTest {

    @Test
    void theFiveOriginalSpellingsTurnItOn() {
        for (String on : new String[] {"1", "true", "yes", "True", "YES", " true ", "1\n"}) {
            assertTrue(SchedulerFlag.isOn(on), on);
        }
    }

    @Test
    void everythingElseIsOffByDefault() {
        for (String off : new String[] {null, "", " ", "0", "false", "no", "TRUE", "Yes", "on", "y", "enabled", "2"}) {
            assertFalse(SchedulerFlag.isOn(off), String.valueOf(off));
        }
    }
}
