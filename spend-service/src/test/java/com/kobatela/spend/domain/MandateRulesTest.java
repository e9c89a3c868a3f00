package com.kobatela.spend.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Plain unit tests of {@link MandateRules} (spec rules.md#purchases step 8, rules.md#jobs flag). */
class MandateRulesTest {

    @Test
    void fitsUpToTheLimitExactly() {
        assertTrue(MandateRules.fits(new BigDecimal("20.00"), new BigDecimal("10.00"), new BigDecimal("30.00")));
        assertFalse(MandateRules.fits(new BigDecimal("20.00"), new BigDecimal("10.01"), new BigDecimal("30.00")));
    }

    @Test
    void consumedOnceTheLimitIsReached() {
        assertEquals(UsageMandate.CONSUMED, MandateRules.statusAfter(new BigDecimal("30.00"), new BigDecimal("30.00")));
        assertEquals(UsageMandate.ACTIVE, MandateRules.statusAfter(new BigDecimal("29.99"), new BigDecimal("30.00")));
    }

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
