package com.kobatela.psp.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** How the sandbox answers payout calls, switched at run time through {@code POST /sandbox/mode}. */
public final class Behaviour {

    /** Payout answer modes. */
    public enum Mode {
        /** accept payouts at once */
        OK,
        /** refuse every payout call with 502 {@code PSP_UNAVAILABLE}; nothing is recorded (a PSP outage) */
        FAIL,
        /** refuse every new payout with 422 {@code PAYOUT_REJECTED}; nothing is recorded (a definitive refusal) */
        REJECT,
        /** record the payout, then hold the answer for the hang duration and answer 504 (a lost answer) */
        HANG,
        /** record the payout and answer normally after {@code delay_ms} (a late answer) */
        SLOW;

        /** Parses a mode name (any case). */
        public static Mode parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }

        /** The lower-case name used on the wire. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A mode with its delay.
     *
     * @param mode  the mode
     * @param delay the delay of {@link Mode#SLOW} (zero for the others)
     */
    public record Setting(Mode mode, Duration delay) {
        /** Checks the values. */
        public Setting {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(delay, "delay");
        }
    }

    private static final Setting DEFAULT = new Setting(Mode.OK, Duration.ZERO);

    private final AtomicReference<Setting> current = new AtomicReference<>(DEFAULT);

    /** The current setting. */
    public Setting current() {
        return current.get();
    }

    /** Replaces the current setting. */
    public void set(Setting setting) {
        current.set(Objects.requireNonNull(setting));
    }

    /** Back to {@link Mode#OK} without delay. */
    public void reset() {
        current.set(DEFAULT);
    }
}
