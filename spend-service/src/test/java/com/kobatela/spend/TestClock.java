package com.kobatela.spend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The service's clock in tests (replaces {@code ClockProducer}'s system clock): UTC system time until a test pins it
 * with {@link #set}, e.g. one second before midnight to cross the payees' daily reset boundary. Tests run one at a
 * time, and every test that pins the clock calls {@link #reset} when done.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    /** Pins the time. */
    public void set(Instant instant) {
        fixed.set(instant);
    }

    /** Moves a pinned time forward. */
    public void advance(Duration d) {
        fixed.updateAndGet(i -> i.plus(d));
    }

    /** Back to the system time. */
    public void reset() {
        fixed.set(null);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service clock is UTC");
    }

    @Override
    public Instant instant() {
        Instant i = fixed.get();
        return i != null ? i : Instant.now();
    }
}
