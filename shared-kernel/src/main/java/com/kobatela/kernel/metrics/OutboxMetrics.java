package com.kobatela.kernel.metrics;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The state of the transactional outbox (ARCHITECTURE §3, §7) as Prometheus gauges:
 * <ul>
 * <li>{@code kobatela_outbox_backlog}: events not yet published to Kafka;</li>
 * <li>{@code kobatela_outbox_lag_seconds}: age of the oldest of them (0 when none): the delay a consumer sees.</li>
 * </ul>
 * Gauges are read on scrape, which must not block: they report the last measure, taken every
 * {@code kobatela.metrics.outbox-interval} (default 5 s) with one query on the partial index of unpublished rows.
 * Readiness ({@code OutboxReadinessCheck}) measures afresh with {@link #measure()}.
 */
@ApplicationScoped
public class OutboxMetrics {

    /** One measure of the outbox: unpublished events and the age in seconds of the oldest (0 when none). */
    public record Backlog(long events, double lagSeconds) {
    }

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);
    private static final String QUERY = "select count(*) as n, coalesce(extract(epoch from now() - min(created_at)), 0) as lag "
            + "from outbox_events where published_at is null";

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    private final AtomicReference<Backlog> last = new AtomicReference<>(new Backlog(0, 0));

    @PostConstruct
    void register() {
        Gauge.builder("kobatela.outbox.backlog", last, r -> r.get().events())
                .description("Outbox events not yet published to Kafka").register(registry);
        Gauge.builder("kobatela.outbox.lag", last, r -> r.get().lagSeconds()).baseUnit("seconds")
                .description("Age of the oldest unpublished outbox event").register(registry);
    }

    /** Measures the outbox now (one query); fails when the database does. */
    public Uni<Backlog> measure() {
        return pool.query(QUERY).execute().map(rs -> {
            Row row = rs.iterator().next();
            return new Backlog(row.getLong("n"), row.getNumeric("lag").doubleValue());
        }).invoke(last::set);
    }

    /** The last measure (for the gauges). */
    public Backlog last() {
        return last.get();
    }

    @Scheduled(every = "${kobatela.metrics.outbox-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        return measure().replaceWithVoid().onFailure().recoverWithUni(e -> {
            LOG.debugf("outbox measure failed: %s", e.toString());
            return Uni.createFrom().voidItem();
        });
    }
}
