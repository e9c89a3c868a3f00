package com.kobatela.spend.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.kobatela.spend.domain.PayeeLimits.Verdict;

/** Plain unit tests of {@link PayeeLimits} (spec rules.md#payees steps 6 to 8, worked example). */
class PayeeLimitsTest {

    private static final LocalDate TODAY = LocalDate.of(2031, 3, 11);

    private static BigDecimal m(String v) {
        return new BigDecimal(v);
    }

    @Test
    void workedExample() {
        // daily 120, total 400: 90 passes, then 40 more exceeds the day
        assertEquals(Verdict.OK, PayeeLimits.check(m("0.00"), m("0.00"), m("90.00"), m("120.00"), m("400.00")));
        assertEquals(Verdict.DAILY_LIMIT_REACHED, PayeeLimits.check(m("90.00"), m("90.00"), m("40.00"), m("120.00"), m("400.00")));
        // daily 500, total 150: 100 passes, then 60 more exceeds the total
        assertEquals(Verdict.TOTAL_LIMIT_REACHED, PayeeLimits.check(m("100.00"), m("100.00"), m("60.00"), m("500.00"), m("150.00")));
    }

    @Test
    void limitsReachedExactlyPassAndNullMeansNoLimit() {
        assertEquals(Verdict.OK, PayeeLimits.check(m("90.00"), m("90.00"), m("30.00"), m("120.00"), m("120.00")));
        assertEquals(Verdict.DAILY_LIMIT_REACHED, PayeeLimits.check(m("90.00"), m("90.00"), m("30.01"), m("120.00"), null));
        assertEquals(Verdict.OK, PayeeLimits.check(m("1000000.00"), m("5000000.00"), m("1.00"), null, null));
        assertEquals(Verdict.DAILY_LIMIT_REACHED, PayeeLimits.check(m("0.00"), m("0.00"), m("0.01"), m("0.00"), m("0.00")),
                "the daily limit is checked first");
    }

    @Test
    void dailyResetAtTheUtcDate() {
        assertTrue(PayeeLimits.needsReset(null, TODAY));
        assertTrue(PayeeLimits.needsReset(TODAY.minusDays(1), TODAY));
        assertTrue(PayeeLimits.needsReset(TODAY.plusDays(1), TODAY), "a clock set back also starts a new day");
        assertFalse(PayeeLimits.needsReset(TODAY, TODAY));
        assertEquals(m("0.00"), PayeeLimits.spentOn(TODAY, TODAY.minusDays(1), m("50.00")));
        assertEquals(m("50.00"), PayeeLimits.spentOn(TODAY, TODAY, m("50.00")));
    }

    @Test
    void releaseTouchesTodayOnlyWhileTheCounterHoldsThatDay() {
        assertTrue(PayeeLimits.releaseTouchesToday(TODAY, TODAY));
        assertFalse(PayeeLimits.releaseTouchesToday(TODAY.minusDays(1), TODAY));
        assertTrue(PayeeLimits.releaseTouchesToday(TODAY.minusDays(1), TODAY.minusDays(1)), "no spend since: the counter is still that day's");
    }
}
