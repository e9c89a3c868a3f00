package com.kobatela.spend.service;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;
import com.kobatela.kernel.idempotency.IdempotencyKeys;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.persistence.UniqueViolations;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Runs a money-creating request once per idempotency key (spec {@code rules.md#idempotency}, semantics 2 to 5):
 * inside one transaction it takes a transaction-scoped PostgreSQL advisory lock on (operation, principal, key), so
 * concurrent duplicates queue behind the first; it then looks the key up (a replay answers the stored result, a
 * different request {@code 409 IDEMPOTENCY_KEY_CONFLICT}) or runs the effect, whose row carries the key under a
 * UNIQUE constraint. A duplicate that waited longer than {@code kobatela.spend.idempotency.lock-wait} (default 3 s)
 * answers {@code 409 IDEMPOTENCY_KEY_IN_PROGRESS} (retryable); a unique-key race (the last guard) answers the
 * winner's result. Works across replicas: the lock lives in the database.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** SQLSTATE {@code lock_not_available}: the lock wait exceeded {@code lock_timeout}. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    @Inject
    Transactions transactions;

    @ConfigProperty(name = "kobatela.spend.idempotency.lock-wait", defaultValue = "3s")
    Duration lockWait;

    /**
     * Runs {@code effect} once for this key.
     *
     * @param operation e.g. {@code POST /spend/purchases}
     * @param scope     the caller's principal
     * @param key       the trimmed client key
     * @param lookup    reads the stored result of this key in the current session: its item, null when the key is
     *                  unused, or a failure ({@code 409 IDEMPOTENCY_KEY_CONFLICT}) when it was used for another request
     * @param effect    the first execution, in the same transaction
     * @return the effect's result, or the stored one for a replay
     * @throws ApiException 409 IDEMPOTENCY_KEY_CONFLICT, 409 IDEMPOTENCY_KEY_IN_PROGRESS, or the effect's errors
     */
    public <T> Uni<T> once(String operation, String scope, String key, Supplier<Uni<T>> lookup, Supplier<Uni<T>> effect) {
        return transactions.<T>inTransaction(() -> lock(operation, scope, key)
                .chain(() -> lookup.get())
                .chain(stored -> stored != null ? Uni.createFrom().item(stored) : effect.get()))
                .onFailure(e -> UniqueViolations.isUniqueViolation(e) || isLockTimeout(e))
                .recoverWithUni(e -> Panache.withSession(lookup)
                        .chain(stored -> stored != null
                                ? Uni.createFrom().item(stored)
                                : Uni.createFrom().failure(isLockTimeout(e) ? inProgress() : e)));
    }

    /** Takes the advisory lock of the key, waiting at most {@code lockWait}; must run inside a transaction. */
    private Uni<Void> lock(String operation, String scope, String key) {
        String lockName = operation + "|" + scope + "|" + key;
        return Panache.getSession().chain(s -> s
                .createNativeQuery("select current_setting('lock_timeout') as previous, set_config('lock_timeout', :wait, true) as now",
                        Object[].class)
                .setParameter("wait", lockWait.toMillis() + "ms")
                .getSingleResult()
                .chain(previous -> s.createNativeQuery(
                        "select count(*) from (select pg_advisory_xact_lock(hashtextextended(:name, 0))) l", Long.class)
                        .setParameter("name", lockName)
                        .getSingleResult()
                        .chain(() -> s.createNativeQuery("select set_config('lock_timeout', :previous, true)", String.class)
                                .setParameter("previous", String.valueOf(previous[0]))
                                .getSingleResult())))
                .replaceWithVoid();
    }

    /** True when {@code t} (or a cause) is PostgreSQL's lock wait timeout. */
    static boolean isLockTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException pg && LOCK_NOT_AVAILABLE.equals(pg.getSqlState())) {
                return true;
            }
            if (c instanceof java.sql.SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** {@code 409 IDEMPOTENCY_KEY_IN_PROGRESS}: the first request with this key is still running. */
    static ApiException inProgress() {
        return new ApiException(409, ErrorCodes.IDEMPOTENCY_KEY_IN_PROGRESS,
                "A request with this Idempotency-Key is still in progress; retry later.", IdempotencyKeys.HEADER, null);
    }
}
