package com.kobatela.kernel.audit;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads this service's {@code audit_logs} (spec {@code api.md#9} {@code GET /audit-logs}): exact filters on entity,
 * entity id and action, newest first ({@code at} then id), paginated. Read-only: audit rows are never changed.
 */
@ApplicationScoped
public class AuditLogQuery {

    /** Largest page. */
    public static final int MAX_LIMIT = 500;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /**
     * One page of audit rows.
     *
     * @param entity   exact entity name, or null for all
     * @param entityId exact entity id, or null for all
     * @param action   exact action, or null for all
     * @param limit    1..{@link #MAX_LIMIT}
     * @param offset   ≥ 0
     */
    public Uni<List<AuditLogRead>> page(String entity, Long entityId, String action, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select id, actor, action, entity, entity_id, data_json::text as data, at, api_key_id, request_id "
                + "from audit_logs where true");
        if (entity != null) {
            params.add(entity);
            sql.append(" and entity = $").append(params.size());
        }
        if (entityId != null) {
            params.add(entityId);
            sql.append(" and entity_id = $").append(params.size());
        }
        if (action != null) {
            params.add(action);
            sql.append(" and action = $").append(params.size());
        }
        params.add(limit);
        sql.append(" order by at desc, id desc limit $").append(params.size());
        params.add(offset);
        sql.append(" offset $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            List<AuditLogRead> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new AuditLogRead(r.getLong("id"), service, r.getString("actor"), r.getString("action"), r.getString("entity"),
                        r.getLong("entity_id"), json(r.getString("data")), r.getOffsetDateTime("at").withOffsetSameInstant(ZoneOffset.UTC),
                        r.getLong("api_key_id"), r.getString("request_id")));
            }
            return out;
        });
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit row with unreadable data_json", e);
        }
    }
}
