package com.kobatela.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /audit-logs} through the gateway (spec {@code api.md#9}, issue 7): one trail merged from the gateway and
 * every service, newest first, filtered and paginated, admin only, with the real actor on each row.
 */
class AuditLogsE2eTest extends E2eTestBase {

    @Test
    void theGatewayMergesEveryServicesAuditRows() {
        long client = user("audit-client");
        long provider = user("audit-provider");
        String senderKey = key("sender", client);
        E2eHttp sender = as(senderKey);
        E2eHttp.Result created = once(sender, "/escrows", Map.of("client_id", client, "provider_id", provider, "amount_total", "75.00",
                "currency", "EUR", "release_conditions", Map.of(), "deadline_at", "2031-01-01T00:00:00Z"));
        assertEquals(201, created.status(), created.body());
        long escrow = created.json().path("id").asLong();

        // rows of escrow-service, filtered by entity, with the sender's key as actor
        JsonNode rows = admin().get("/audit-logs?entity=EscrowAgreement&entity_id=" + escrow).json();
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("ESCROW_CREATED", rows.get(0).path("action").asText());
        assertEquals("escrow-service", rows.get(0).path("service").asText());
        assertEquals(actor(senderKey), rows.get(0).path("actor").asText());
        assertEquals("75.00", rows.get(0).path("data_json").path("amount_total").asText());

        // the whole trail mixes services (the gateway's API_KEY_USED, CREATE_USER... and the services' rows), newest first
        JsonNode page = admin().get("/audit-logs?limit=200").json();
        Set<String> services = new HashSet<>();
        List<String> times = new ArrayList<>();
        page.forEach(r -> {
            services.add(r.path("service").asText());
            times.add(r.path("at").asText());
        });
        assertTrue(services.containsAll(List.of("gateway", "escrow-service")), services.toString());
        List<String> sorted = new ArrayList<>(times);
        sorted.sort((a, b) -> java.time.OffsetDateTime.parse(b).compareTo(java.time.OffsetDateTime.parse(a)));
        assertEquals(sorted, times, "newest first");
        JsonNode second = admin().get("/audit-logs?limit=1&offset=1").json();
        assertEquals(1, second.size());

        // admin only; bad paging is a validation error
        assertError(403, "INSUFFICIENT_SCOPE", sender.get("/audit-logs"));
        assertError(403, "INSUFFICIENT_SCOPE", as(key("support", null)).get("/audit-logs"));
        assertError(422, "VALIDATION_ERROR", admin().get("/audit-logs?limit=0"));
        assertError(422, "VALIDATION_ERROR", admin().get("/audit-logs?offset=-1"));
    }
}
