package com.kobatela.kernel.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Tags every meter of a service with {@code application=<quarkus.application.name>} (ARCHITECTURE §7), so one
 * Prometheus query covers all replicas of a service and dashboards can split by service.
 */
@Singleton
public class CommonTags {

    /** The common-tags filter; Quarkus Micrometer applies every {@link MeterFilter} bean. */
    @Produces
    @Singleton
    MeterFilter applicationTag(@ConfigProperty(name = "quarkus.application.name") String application) {
        return MeterFilter.commonTags(Tags.of("application", application));
    }
}
