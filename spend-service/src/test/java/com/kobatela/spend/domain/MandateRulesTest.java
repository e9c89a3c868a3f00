package com.kobatela.spend.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Plain unit tests of {@link MandateRules} (spec rules.md#jobs flag). */
class MandateRulesTest {

    @Test
    void schedulerFlagValues() {
        for (String on : new String[] {"1", "true", "yes", "True", "YES", " true "}) {
            assertTrue(MandateRules.flagOn(on), on);
        }
        for (String off : new String[] {null, "", "0", "false", "no", "on"}) {
            assertFalse(MandateRules.flagOn(off), String.valueOf(off));
        }
    }
}
