package com.kobatela.bench;

import java.time.Duration;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;

/**
 * Parameters of one load run, passed from {@link BenchMain} to a Gatling simulation through system properties
 * ({@code bench.*}), because Gatling instantiates simulations itself.
 *
 * @param baseUrl     the gateway URL, or a service URL for the direct reference runs
 * @param feeder      CSV file of provisioned callers ({@link Fixtures#CSV_HEADER})
 * @param concurrency closed model: virtual users running the flow back to back; 0 for the open model
 * @param rate        open model: flows started per second (ignored when concurrency &gt; 0)
 * @param duration    how long the load lasts (after a 2 s ramp for the closed model)
 * @param direct      true when calls go straight to the owning service with an internal JWT
 */
public record BenchParams(String baseUrl, String feeder, int concurrency, double rate, Duration duration, boolean direct) {

    static final String PREFIX = "bench.";

    /** Reads the parameters set by {@link #export()}. */
    public static BenchParams fromSystem() {
        return new BenchParams(System.getProperty(PREFIX + "baseUrl"), System.getProperty(PREFIX + "feeder"),
                Integer.getInteger(PREFIX + "concurrency", 1), Double.parseDouble(System.getProperty(PREFIX + "rate", "0")),
                Duration.ofMillis(Long.getLong(PREFIX + "durationMs", 5_000)), Boolean.getBoolean(PREFIX + "direct"));
    }

    /** Publishes the parameters for the next simulation run. */
    public void export() {
        System.setProperty(PREFIX + "baseUrl", baseUrl);
        System.setProperty(PREFIX + "feeder", feeder);
        System.setProperty(PREFIX + "concurrency", String.valueOf(concurrency));
        System.setProperty(PREFIX + "rate", String.valueOf(rate));
        System.setProperty(PREFIX + "durationMs", String.valueOf(duration.toMillis()));
        System.setProperty(PREFIX + "direct", String.valueOf(direct));
    }

    /** The injection profile of {@code scenario}: closed (fixed concurrency) or open (arrival rate). */
    public PopulationBuilder inject(ScenarioBuilder scenario) {
        if (concurrency > 0) {
            return scenario.injectClosed(rampConcurrentUsers(1).to(concurrency).during(Duration.ofSeconds(2)),
                    constantConcurrentUsers(concurrency).during(duration));
        }
        return scenario.injectOpen(constantUsersPerSec(rate).during(duration));
    }

    /** A short label, e.g. {@code c16} or {@code r50}. */
    public String label() {
        return (direct ? "direct-" : "") + (concurrency > 0 ? "c" + concurrency : "r" + (int) rate);
    }
}
