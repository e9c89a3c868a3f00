package com.kobatela.gateway.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.gateway.client.UpstreamProxy;
import com.kobatela.gateway.domain.AuthenticatedKey;
import com.kobatela.gateway.domain.Upstream;
import com.kobatela.kernel.audit.AuditLogQuery;
import com.kobatela.kernel.audit.AuditLogRead;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;

import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * The partner-facing {@code GET /audit-logs} (spec {@code api.md#9}: "aggregated by the gateway"): the gateway's own
 * rows merged with those of escrow-, spend-, proof- and payment-service (each asked with the caller's internal JWT for
 * its first {@code offset + limit} rows), newest first ({@code at}, then service, then id), one page cut from the
 * merge. Every service must answer: a missing one fails the whole read with 503 {@code SERVICE_UNAVAILABLE} rather
 * than showing an incomplete trail.
 */
@ApplicationScoped
public class AuditLogAggregator {

    private static final List<Upstream> SERVICES = List.of(Upstream.ESCROW, Upstream.SPEND, Upstream.PROOF, Upstream.PAYMENT);
    private static final Comparator<AuditLogRead> NEWEST_FIRST = Comparator.comparing(AuditLogRead::at).reversed()
            .thenComparing(AuditLogRead::service).thenComparing(Comparator.comparingLong(AuditLogRead::id).reversed());

    @Inject
    AuditLogQuery local;

    @Inject
    UpstreamProxy proxy;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    ObjectMapper mapper;

    /**
     * One page of the platform's audit trail.
     *
     * @param caller    the authenticated admin key
     * @param requestId correlation id
     * @param limit     1..500
     * @param offset    ≥ 0
     * @throws ApiException 503 {@code SERVICE_UNAVAILABLE} when a service does not answer
     */
    public Uni<List<AuditLogRead>> page(AuthenticatedKey caller, String requestId, String entity, Long entityId, String action, int limit,
            int offset) {
        int window = limit + offset;
        List<Uni<List<AuditLogRead>>> parts = new ArrayList<>();
        parts.add(local.page(entity, entityId, action, window, 0));
        String uri = "/audit-logs?" + query(entity, entityId, action, window);
        for (Upstream s : SERVICES) {
            parts.add(fetch(s, uri, caller, requestId));
        }
        return Uni.join().all(parts).andFailFast().map(lists -> lists.stream().flatMap(List::stream).sorted(NEWEST_FIRST)
                .skip(offset).limit(limit).toList());
    }

    private Uni<List<AuditLogRead>> fetch(Upstream service, String uri, AuthenticatedKey caller, String requestId) {
        return proxy.forward(service, HttpMethod.GET, uri, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(), tokens.issue(caller, requestId),
                requestId, null).map(answer -> {
                    if (answer.status() != 200) {
                        throw new ApiException(503, ErrorCodes.SERVICE_UNAVAILABLE,
                                "Audit rows of " + service.key() + " are unavailable; try again later.");
                    }
                    try {
                        return mapper.readValue(answer.body().getBytes(), new TypeReference<List<AuditLogRead>>() { });
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("unreadable audit rows from " + service.key(), e);
                    }
                });
    }

    private static String query(String entity, Long entityId, String action, int limit) {
        Map<String, Object> q = new java.util.LinkedHashMap<>();
        if (entity != null) {
            q.put("entity", entity);
        }
        if (entityId != null) {
            q.put("entity_id", entityId);
        }
        if (action != null) {
            q.put("action", action);
        }
        q.put("limit", limit);
        return q.entrySet().stream().map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(String.valueOf(e.getValue()),
                java.nio.charset.StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
