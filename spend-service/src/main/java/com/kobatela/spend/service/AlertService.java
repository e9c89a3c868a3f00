package com.kobatela.spend.service;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.spend.domain.Alert;
import com.kobatela.spend.rest.AlertRead;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Security alerts (table {@code alerts}, spec {@code domain.md#3.10}, {@code api.md#5.5}): stored in a transaction
 * of their own (they must survive the refused request, {@code rules.md#transfers}) and listed newest first.
 */
@ApplicationScoped
public class AlertService {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    /**
     * Stores an alert on its own connection (autocommit), independently of any running transaction.
     *
     * @param type        alert type, e.g. {@code UNAUTHORIZED_TRANSFER_ATTEMPT}
     * @param message     up to 255 chars
     * @param actorUserId user who caused it, or null
     * @param payload     JSON object
     */
    public Uni<Void> recordSeparately(String type, String message, Long actorUserId, Map<String, ?> payload) {
        String json;
        try {
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("alert payload not serialisable", e));
        }
        return pool.preparedQuery("insert into alerts (type, message, actor_user_id, payload_json, created_at, updated_at) "
                + "values ($1, $2, $3, cast(cast($4 as text) as jsonb), now(), now())")
                .execute(Tuple.tuple(Arrays.asList(type, message, actorUserId, json)))
                .replaceWithVoid();
    }

    /**
     * {@code GET /alerts}: newest first ({@code created_at}, then id, descending).
     *
     * @param type   exact type filter, or null for all
     * @param limit  1..500
     * @param offset &gt;= 0
     */
    public Uni<List<AlertRead>> list(String type, int limit, int offset) {
        Sort sort = Sort.descending("createdAt", "id");
        return Panache.withSession(() -> (type == null ? Alert.<Alert>findAll(sort) : Alert.<Alert>find("type", sort, type))
                .range(offset, offset + limit - 1).list())
                .map(alerts -> alerts.stream().map(a -> (Alert) a).map(this::read).toList());
    }

    private AlertRead read(Alert a) {
        Map<String, Object> payload;
        try {
            payload = mapper.readValue(a.payloadJson, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert payload is not JSON: " + a.id, e);
        }
        return new AlertRead(a.id, a.type, a.message, a.actorUserId, payload, a.createdAt);
    }
}
