package com.kobatela.kernel.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.kobatela.kernel.metrics.OutboxMetrics;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness of the transactional outbox (ARCHITECTURE §7): {@code DOWN} when the oldest unpublished event is older
 * than {@code kobatela.health.outbox-max-lag} (default 2 min: Kafka unreachable or the relay stuck), or when the
 * outbox cannot be read. Data: {@code backlog} (events) and {@code lag_seconds}. The database and Kafka have their
 * own checks (reactive PostgreSQL client, {@code quarkus.kafka.health.enabled}, messaging channels).
 */
@Readiness
@ApplicationScoped
public class OutboxReadinessCheck implements AsyncHealthCheck {

    @Inject
    OutboxMetrics outbox;

    @ConfigProperty(name = "kobatela.health.outbox-max-lag", defaultValue = "2m")
    Duration maxLag;

    @Override
    public Uni<HealthCheckResponse> call() {
        return outbox.measure()
                .map(b -> HealthCheckResponse.named("outbox")
                        .status(b.lagSeconds() <= maxLag.toSeconds())
                        .withData("backlog", b.events())
                        .withData("lag_seconds", Math.round(b.lagSeconds()))
                        .withData("max_lag_seconds", maxLag.toSeconds())
                        .build())
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("outbox").down()
                        .withData("error", e.getClass().getSimpleName()).build());
    }
}
