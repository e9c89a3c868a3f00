package com.kobatela.kernel.jobs;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.kernel.persistence.UniqueViolations;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code scheduler_locks} table (spec {@code domain.md#7.2}, {@code rules.md#jobs}): one row per lock name, held by
 * one instance until its {@code expires_at}. Every decision is taken in a database transaction under a row lock, with
 * the database clock, so replicas with skewed clocks agree. Runs on the reactive pool (no Hibernate session needed), so
 * it can be called from a job, a shutdown hook or a health check.
 */
@ApplicationScoped
public class SchedulerLocks {

    private static final String EXPIRY = "now() + cast($3 as integer) * interval '1 second'";

    @Inject
    Pool pool;

    /**
     * Acquires, takes over or extends the lock (spec {@code rules.md#jobs}): no row → insert (losing a concurrent insert
     * means "not acquired"); row with a null or past {@code expires_at} → taken over ({@code owner}, {@code acquired_at =
     * now}, {@code expires_at = now + ttl}); row held by {@code owner} → extended to {@code now + ttl}; held by another
     * instance and not expired → not acquired.
     *
     * @param name  lock name (≤ 64 characters)
     * @param owner this instance's id (≤ 64 characters)
     * @param ttl   lease length, whole seconds (≥ 1 s)
     * @return true when {@code owner} holds the lock until now + ttl
     */
    public Uni<Boolean> acquire(String name, String owner, Duration ttl) {
        int seconds = ttlSeconds(ttl);
        return pool.withTransaction(conn -> conn
                .preparedQuery("select owner, expires_at is null or expires_at <= now() as free from scheduler_locks where name = $1 for update")
                .execute(Tuple.of(name))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return insert(conn, name, owner, seconds);
                    }
                    Row row = rows.iterator().next();
                    if (owner.equals(row.getString("owner"))) {
                        return update(conn, "update scheduler_locks set expires_at = " + EXPIRY + ", updated_at = now() "
                                + "where name = $1 and owner = $2", name, owner, seconds);
                    }
                    if (Boolean.TRUE.equals(row.getBoolean("free"))) {
                        return update(conn, "update scheduler_locks set owner = $2, acquired_at = now(), expires_at = " + EXPIRY
                                + ", updated_at = now() where name = $1", name, owner, seconds);
                    }
                    return Uni.createFrom().item(false);
                }))
                .onFailure(UniqueViolations::isUniqueViolation).recoverWithItem(false);
    }

    /**
     * Heartbeat of the holder: extends {@code expires_at} to now + ttl only if {@code owner} still holds the lock.
     *
     * @return true when extended, false when the lock was lost (taken over after expiry) or released
     */
    public Uni<Boolean> extend(String name, String owner, Duration ttl) {
        return pool.preparedQuery("update scheduler_locks set expires_at = " + EXPIRY + ", updated_at = now() "
                + "where name = $1 and owner = $2")
                .execute(Tuple.of(name, owner, ttlSeconds(ttl)))
                .map(rs -> rs.rowCount() == 1);
    }

    /**
     * Releases the lock if {@code owner} still holds it (deletes the row), e.g. on shutdown.
     *
     * @return true when a row was deleted
     */
    public Uni<Boolean> release(String name, String owner) {
        return pool.preparedQuery("delete from scheduler_locks where name = $1 and owner = $2")
                .execute(Tuple.of(name, owner))
                .map(rs -> rs.rowCount() == 1);
    }

    /**
     * Describes the lock as seen by {@code owner} (for health): status, holder, age, time to expiry, staleness
     * (expired more than 60 s ago). A database failure answers {@link SchedulerLockState#unknown()}.
     */
    public Uni<SchedulerLockState> describe(String name, String owner) {
        return pool.preparedQuery("select owner, acquired_at, expires_at, now() as now from scheduler_locks where name = $1")
                .execute(Tuple.of(name))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return SchedulerLockState.none();
                    }
                    Row row = rows.iterator().next();
                    OffsetDateTime now = row.getOffsetDateTime("now");
                    OffsetDateTime expires = row.getOffsetDateTime("expires_at");
                    String holder = row.getString("owner");
                    Long expiresIn = expires == null ? null : Duration.between(now, expires).toSeconds();
                    boolean stale = expires == null || expires.isBefore(now.minusSeconds(60));
                    return new SchedulerLockState(owner.equals(holder) ? SchedulerLockState.OWNED_BY_SELF : SchedulerLockState.OWNED_BY_OTHER,
                            holder, true, Duration.between(row.getOffsetDateTime("acquired_at"), now).toSeconds(), expiresIn, stale);
                })
                .onFailure().recoverWithItem(SchedulerLockState.unknown());
    }

    private static Uni<Boolean> insert(SqlConnection conn, String name, String owner, int seconds) {
        return update(conn, "insert into scheduler_locks (name, owner, acquired_at, expires_at, created_at, updated_at) "
                + "values ($1, $2, now(), " + EXPIRY + ", now(), now()) on conflict (name) do nothing", name, owner, seconds);
    }

    private static Uni<Boolean> update(SqlConnection conn, String sql, String name, String owner, int seconds) {
        return conn.preparedQuery(sql).execute(Tuple.of(name, owner, seconds)).map(rs -> rs.rowCount() == 1);
    }

    private static int ttlSeconds(Duration ttl) {
        long s = ttl.toSeconds();
        if (s < 1 || s > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("lock ttl must be at least one second: " + ttl);
        }
        return (int) s;
    }
}
