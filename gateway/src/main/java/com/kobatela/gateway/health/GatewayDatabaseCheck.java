package com.kobatela.gateway.health;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.liquibase.LiquibaseFactory;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import liquibase.Liquibase;

/**
 * State of the gateway's own database for {@code GET /health} (spec {@code api.md#1.1}): {@code SELECT 1} with a
 * 2 s limit, and whether every Liquibase changeset has run ({@code up_to_date} / {@code out_of_date}, {@code unknown}
 * when the database is down or the check fails). The migration check is cached for 30 s.
 */
@ApplicationScoped
public class GatewayDatabaseCheck {

    /** Result of one check. */
    public record State(boolean dbOk, boolean migrationsOk, String migrationsStatus) {
    }

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MIGRATIONS_CACHE = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(GatewayDatabaseCheck.class);

    @Inject
    Pool pool;

    @Inject
    LiquibaseFactory liquibase;

    private volatile String cachedMigrations;
    private volatile Instant cachedAt = Instant.EPOCH;

    /** Runs the checks; never fails. */
    public Uni<State> check() {
        return pool.query("select 1").execute().map(rs -> true)
                .ifNoItem().after(DB_TIMEOUT).fail()
                .onFailure().recoverWithItem(false)
                .chain(ok -> ok ? migrations().map(m -> new State(true, "up_to_date".equals(m), m))
                        : Uni.createFrom().item(new State(false, false, "unknown")));
    }

    private Uni<String> migrations() {
        String cached = cachedMigrations;
        if (cached != null && cachedAt.plus(MIGRATIONS_CACHE).isAfter(Instant.now())) {
            return Uni.createFrom().item(cached);
        }
        return Uni.createFrom().item(this::unrunChangeSets)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(DB_TIMEOUT.multipliedBy(2)).fail()
                .map(n -> n == 0 ? "up_to_date" : "out_of_date")
                .invoke(s -> {
                    cachedMigrations = s;
                    cachedAt = Instant.now();
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("migration check failed: %s", e.toString());
                    return "unknown";
                });
    }

    private int unrunChangeSets() {
        try (Liquibase lb = liquibase.createLiquibase()) {
            return lb.listUnrunChangeSets(liquibase.createContexts(), liquibase.createLabels()).size();
        } catch (Exception e) {
            throw new IllegalStateException("liquibase status unavailable", e);
        }
    }
}
