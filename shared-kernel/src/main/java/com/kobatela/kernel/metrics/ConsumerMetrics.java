package com.kobatela.kernel.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the idempotent consumers (ARCHITECTURE §3, §7), tagged {@code consumer} (the service) and
 * {@code type} (CloudEvents type, {@code unknown} for a record without one):
 * <ul>
 * <li>{@code kobatela_consumer_events_total{outcome=applied|duplicate}}: events applied, or skipped as already
 * processed;</li>
 * <li>{@code kobatela_consumer_failures_total{kind=transient|poison}}: failed attempts (a transient failure is
 * retried with back-off);</li>
 * <li>{@code kobatela_consumer_dead_letters_total}: events given up on and sent to {@code <topic>.dlq}.</li>
 * </ul>
 * Consumer lag per partition comes from the Kafka client metrics ({@code kafka_consumer_fetch_manager_records_lag}).
 */
@ApplicationScoped
public class ConsumerMetrics {

    @Inject
    MeterRegistry registry;

    /** An event applied ({@code duplicate=false}) or skipped as a duplicate. */
    public void processed(String consumer, String type, boolean duplicate) {
        counter("kobatela.consumer.events", consumer, type, "outcome", duplicate ? "duplicate" : "applied",
                "Events handled by the idempotent consumer").increment();
    }

    /** A failed attempt. */
    public void failed(String consumer, String type, boolean transientFailure) {
        counter("kobatela.consumer.failures", consumer, type, "kind", transientFailure ? "transient" : "poison",
                "Failed attempts to apply an event").increment();
    }

    /** An event sent to the dead-letter topic. */
    public void deadLettered(String consumer, String type) {
        Counter.builder("kobatela.consumer.dead.letters").description("Events sent to the dead-letter topic")
                .tag("consumer", consumer).tag("type", type == null ? "unknown" : type).register(registry).increment();
    }

    private Counter counter(String name, String consumer, String type, String key, String value, String description) {
        return Counter.builder(name).description(description).tag("consumer", consumer).tag("type", type == null ? "unknown" : type)
                .tag(key, value).register(registry);
    }
}
