package com.kobatela.kernel.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness entry {@code scheduler} (always UP: informational, spec {@code api.md#1.1}): {@code config_enabled},
 * {@code running}, and the lock's {@code lock_status} (none/owned_by_self/owned_by_other/unknown), {@code lock_owner},
 * {@code lock_present}, {@code lock_age_seconds}, {@code lock_expires_in_seconds}, {@code lock_stale}.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "kobatela.jobs.lease", stringValue = "true")
public class SchedulerHealthCheck implements AsyncHealthCheck {

    @Inject
    InstanceScheduler scheduler;

    @Override
    public Uni<HealthCheckResponse> call() {
        SchedulerLease lease = scheduler.lease();
        return lease.describe().map(s -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("scheduler").up()
                    .withData("config_enabled", lease.enabled())
                    .withData("running", lease.enabled() && lease.held())
                    .withData("lock_name", lease.lockName())
                    .withData("lock_status", s.status())
                    .withData("lock_present", s.present())
                    .withData("lock_stale", s.stale());
            if (s.owner() != null) {
                b.withData("lock_owner", s.owner());
            }
            if (s.ageSeconds() != null) {
                b.withData("lock_age_seconds", s.ageSeconds());
            }
            if (s.expiresInSeconds() != null) {
                b.withData("lock_expires_in_seconds", s.expiresInSeconds());
            }
            return b.build();
        });
    }
}
