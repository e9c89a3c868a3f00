package com.kobatela.kernel.audit;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.kernel.security.Caller;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends rows to the service's {@code audit_logs} table (spec {@code domain.md#7.1}, {@code rules.md#audit}):
 * data always sanitised by {@link AuditSanitiser}; in the caller's transaction for changes, in a transaction
 * of its own for rejection audits that must survive the failing request. The JSON text is bound as {@code text} and
 * cast to {@code jsonb} in SQL: bound directly to a jsonb parameter, the reactive client stores a JSON string.
 */
@ApplicationScoped
public class AuditWriter {

    private static final String INSERT = "insert into audit_logs (actor, action, entity, entity_id, data_json, at, api_key_id, request_id) ";

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    /**
     * Records an action in the current transaction.
     *
     * @param actor    actor string ({@code apikey:<prefix>}, {@code system:<job>}, ...)
     * @param action   catalogue action, e.g. {@code ESCROW_DEPOSITED}
     * @param entity   entity name, e.g. {@code EscrowAgreement}
     * @param entityId entity id, 0 when none
     * @param data     payload, sanitised here
     * @param apiKeyId key that caused it, or null
     * @param requestId correlation id, or null
     */
    public Uni<Void> record(String actor, String action, String entity, long entityId, Map<String, ?> data, Long apiKeyId,
            String requestId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT
                + "values (:actor, :action, :entity, :entityId, cast(cast(:data as text) as jsonb), now(), cast(:apiKeyId as bigint), cast(:requestId as varchar))")
                .setParameter("actor", actor)
                .setParameter("action", action)
                .setParameter("entity", entity)
                .setParameter("entityId", entityId)
                .setParameter("data", json(data))
                .setParameter("apiKeyId", apiKeyId)
                .setParameter("requestId", requestId)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Records an action by the request's caller in the current transaction. */
    public Uni<Void> record(Caller caller, String action, String entity, long entityId, Map<String, ?> data) {
        return record(caller.actor(), action, entity, entityId, data, caller.auditApiKeyId(), caller.requestId());
    }

    /** Records an action in its own transaction (rejection audits, key usage), committed whatever happens next. */
    public Uni<Void> recordSeparately(String actor, String action, String entity, long entityId, Map<String, ?> data,
            Long apiKeyId, String requestId) {
        return pool.preparedQuery(INSERT + "values ($1, $2, $3, $4, cast(cast($5 as text) as jsonb), now(), $6, $7)")
                .execute(Tuple.tuple(java.util.Arrays.asList(actor, action, entity, entityId, json(data), apiKeyId, requestId)))
                .replaceWithVoid();
    }

    private String json(Map<String, ?> data) {
        try {
            return mapper.writeValueAsString(AuditSanitiser.sanitise(data));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit data not serialisable", e);
        }
    }
}
