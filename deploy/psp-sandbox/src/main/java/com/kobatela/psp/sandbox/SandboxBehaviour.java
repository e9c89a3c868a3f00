package com.kobatela.psp.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** The current behaviour of the simulator, switched at run time through {@code POST /sandbox/mode}. */
@ApplicationScoped
public class SandboxBehaviour {

    /** How the simulator answers payout calls. */
    public enum Mode {
        /** Accept payouts at once. */
        OK,
        /** Refuse every payout call with 502 and a JSON error; nothing is recorded. */
        FAIL,
        /** Record the payout but answer only after the hang duration (60 s by default), with 504. */
        HANG,
        /** Record the payout and answer normally after {@code delay_ms}. */
        SLOW
    }

    /**
     * A mode with its delay.
     *
     * @param mode  the mode
     * @param delay the delay used by {@link Mode#SLOW}
     */
    public record Setting(Mode mode, Duration delay) {
    }

    private static final Setting DEFAULT = new Setting(Mode.OK, Duration.ZERO);

    private final AtomicReference<Setting> current = new AtomicReference<>(DEFAULT);

    /** The current setting. */
    public Setting current() {
        return current.get();
    }

    /** Replaces the current setting. */
    public void set(Setting setting) {
        current.set(setting);
    }

    /** Back to {@link Mode#OK} without delay. */
    public void reset() {
        current.set(DEFAULT);
    }
}
