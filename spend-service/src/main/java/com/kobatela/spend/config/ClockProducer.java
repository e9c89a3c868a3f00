package com.kobatela.spend.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The service's clock, UTC. Injected where a calendar boundary matters (the payees' daily reset at the UTC date
 * boundary, spec {@code rules.md#payees} step 6) so that tests can move time across midnight.
 */
public class ClockProducer {

    /** The system clock in UTC. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
