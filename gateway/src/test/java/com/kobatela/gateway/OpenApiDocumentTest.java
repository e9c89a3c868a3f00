package com.kobatela.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.kobatela.gateway.domain.RouteRule;
import com.kobatela.gateway.domain.RouteTable;
import com.kobatela.kernel.security.Scope;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The partner-facing OpenAPI document served at {@code /q/openapi} agrees with the gateway's {@link RouteTable}:
 * every documented operation is a route with the documented scopes ({@code x-scopes}), every route (but the
 * catch-all public-sector prefix) is documented, and every operation documents its error codes and, when
 * authenticated, its security and the 401/403/429 answers.
 */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class OpenApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void documentMatchesTheRouteTable() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertEquals("Kobatela partner API", doc.getString("info.title"));
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        Set<RouteRule> covered = new HashSet<>();
        int operations = 0;
        for (Map.Entry<String, Map<String, Object>> p : paths.entrySet()) {
            String sample = p.getKey().replaceAll("\\{[^}]+}", "12");
            for (Map.Entry<String, Object> o : p.getValue().entrySet()) {
                String method = o.getKey().toUpperCase(Locale.ROOT);
                Map<String, Object> op = (Map<String, Object>) o.getValue();
                String id = method + " " + p.getKey();
                Optional<RouteRule> rule = RouteTable.find(method, sample);
                assertTrue(rule.isPresent(), id + " is not a gateway route");
                covered.add(rule.get());
                List<String> scopes = (List<String>) op.get("x-scopes");
                Set<String> expected = new TreeSet<>(rule.get().allowed().stream().map(Scope::value).toList());
                if (!expected.isEmpty()) {
                    expected.add(Scope.ADMIN.value()); // admin passes every scope check (api.md#0.4)
                }
                assertEquals(expected, new TreeSet<>(scopes), id + " scopes");
                Map<String, Object> responses = (Map<String, Object>) op.get("responses");
                assertTrue(responses.containsKey("500"), id + " documents 500");
                if (!scopes.isEmpty()) {
                    assertTrue(responses.containsKey("401") && responses.containsKey("403") && responses.containsKey("429"), id + " auth answers");
                    assertTrue(!((List<?>) op.get("security")).isEmpty(), id + " security");
                }
                responses.forEach((status, r) -> {
                    if (status.startsWith("4") || status.startsWith("5")) {
                        assertTrue(!((List<?>) ((Map<String, Object>) r).get("x-error-codes")).isEmpty(), id + " " + status + " codes");
                    }
                });
                operations++;
            }
        }
        for (RouteRule r : RouteTable.rules()) {
            if (r.method() != null) {
                assertTrue(covered.contains(r), "route not documented: " + r.method() + " " + r.path());
            }
        }
        assertTrue(operations >= 40, "operations " + operations);
    }
}
