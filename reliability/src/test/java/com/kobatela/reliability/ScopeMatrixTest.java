package com.kobatela.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.kobatela.local.Service;
import com.kobatela.local.e2e.E2eHttp;
import com.kobatela.local.e2e.Poll;

/**
 * Family {@code scope-matrix}: every public endpoint × {no key, unknown key, revoked key, expired key, the sender owning
 * the resource, another sender, support, admin} answers as {@code spec/api.md} §0.3–0.6 require: 401 {@code NO_API_KEY}
 * without a key, 401 {@code UNAUTHORIZED} for an unknown, revoked or expired key, 403 {@code INSUFFICIENT_SCOPE} for a
 * scope not allowed (admin passes everything), the resource's not-found error (or {@code MANDATE_REQUIRED}) for a sender
 * that does not own it, and for allowed callers an answer that is neither an authentication or scope refusal, nor a
 * not-found of an existing resource, nor a 5xx. Requests carry valid bodies so that validation (checked before
 * ownership) does not hide the ownership answer.
 */
@Order(20)
class ScopeMatrixTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    private enum Who { NONE, UNKNOWN, REVOKED, EXPIRED, OWNER, OTHER, SUPPORT, ADMIN }


    /**
     * One endpoint.
     *
     * @param scopes      scopes allowed by the spec (admin always passes)
     * @param owned       whether it hangs from a resource owned by the OWNER sender
     * @param foreignCode the answer code for another sender (404 unless {@code MANDATE_REQUIRED})
     */
    private record Endpoint(String method, String path, Set<String> scopes, boolean owned, String foreignCode, Supplier<Object> body,
            boolean idempotent) {
        boolean isPublic() {
            return scopes.isEmpty();
        }
    }

    @Test
    void everyEndpointAnswersEveryCallerAsTheSpecSays() throws Exception {
        Family family = Family.of("scope-matrix");
        Fixture f = Fixture.create();
        Map<Who, E2eHttp> callers = f.callers();
        for (Endpoint e : f.endpoints()) {
            for (Who who : Who.values()) {
                E2eHttp.Result r = call(callers.get(who), e);
                String problem = judge(e, who, r);
                family.check(problem == null, e.method() + " " + e.path() + " as " + who + ": " + problem + " -> " + r.status() + " " + r.body());
            }
        }
        assertEquals(0, family.failures(), family.failureReport());
    }

    private static E2eHttp.Result call(E2eHttp client, Endpoint e) {
        List<String> headers = new ArrayList<>();
        if (e.idempotent()) {
            headers.add("Idempotency-Key");
            headers.add("scope-" + UUID.randomUUID());
        }
        Object body = e.body() == null ? null : e.body().get();
        return client.send(e.method(), e.path(), body, headers.toArray(String[]::new));
    }

    /** Null when the answer is right, else what is wrong. */
    private static String judge(Endpoint e, Who who, E2eHttp.Result r) {
        String code = r.json().path("error").path("code").asText("");
        if (r.status() >= 500 && !Answers.isDocumented(r.status(), code)) {
            return "5xx";
        }
        if (e.isPublic()) {
            return r.status() == 401 && ("NO_API_KEY".equals(code) || "UNAUTHORIZED".equals(code)) ? "public endpoint asked for a key" : null;
        }
        switch (who) {
            case NONE:
                return r.status() == 401 && "NO_API_KEY".equals(code) ? null : "expected 401 NO_API_KEY";
            case UNKNOWN:
            case REVOKED:
            case EXPIRED:
                return r.status() == 401 && "UNAUTHORIZED".equals(code) ? null : "expected 401 UNAUTHORIZED";
            default:
                break;
        }
        String scope = switch (who) {
            case SUPPORT -> "support";
            case ADMIN -> "admin";
            default -> "sender";
        };
        boolean allowed = "admin".equals(scope) || e.scopes().contains(scope);
        if (!allowed) {
            return r.status() == 403 && "INSUFFICIENT_SCOPE".equals(code) ? null : "expected 403 INSUFFICIENT_SCOPE";
        }
        if (r.status() == 401 || "INSUFFICIENT_SCOPE".equals(code)) {
            return "allowed caller refused";
        }
        if (who == Who.OTHER && e.owned()) {
            if (e.foreignCode() != null) {
                return e.foreignCode().equals(code) ? null : "expected " + e.foreignCode();
            }
            return r.status() == 404 && code.endsWith("_NOT_FOUND") ? null : "expected 404 *_NOT_FOUND for a foreign resource";
        }
        if (e.owned() && r.status() == 404) {
            return "owned resource not found for an allowed caller";
        }
        return null;
    }

    /** The resources and keys of the matrix, created through the gateway (and one expiry set in the gateway's database). */
    private record Fixture(long client, long provider, long stranger, String ownerKey, String otherKey, String supportKey,
            String revokedKey, String expiredKey, long escrow, long releasable, long rejectable, long approvable, long milestone,
            long paidEscrow, long proof, long payment, long mandate, long payee, String payeeRef, long merchant, long category,
            long transaction, long throwawayKeyId) {

        Map<Who, E2eHttp> callers() {
            E2eHttp g = RelStack.gateway();
            Map<Who, E2eHttp> m = new LinkedHashMap<>();
            m.put(Who.NONE, g);
            m.put(Who.UNKNOWN, g.withApiKey("koba_000000.unknownunknownunknownunknownunknownunknow"));
            m.put(Who.REVOKED, g.withApiKey(revokedKey));
            m.put(Who.EXPIRED, g.withApiKey(expiredKey));
            m.put(Who.OTHER, g.withApiKey(otherKey));
            m.put(Who.SUPPORT, g.withApiKey(supportKey));
            m.put(Who.ADMIN, RelStack.admin());
            m.put(Who.OWNER, g.withApiKey(ownerKey));
            return m;
        }

        List<Endpoint> endpoints() {
            Set<String> s = Set.of("sender");
            Set<String> ss = Set.of("sender", "support");
            Set<String> sup = Set.of("support");
            Set<String> adm = Set.of("admin");
            Set<String> pub = Set.of();
            Supplier<Object> none = () -> null;
            Supplier<Object> empty = Map::of;
            List<Endpoint> l = new ArrayList<>();
            l.add(new Endpoint("GET", "/health", pub, false, null, none, false));
            l.add(new Endpoint("POST", "/users", sup, false, null, () -> {
                String u = "sm-" + UUID.randomUUID().toString().substring(0, 10);
                return Map.of("username", u, "email", u + "@example.com");
            }, false));
            l.add(new Endpoint("GET", "/users/" + client, sup, false, null, none, false));
            l.add(new Endpoint("POST", "/apikeys", adm, false, null, () -> Map.of("name", "sm", "scope", "sender"), false));
            l.add(new Endpoint("GET", "/apikeys/" + throwawayKeyId, adm, false, null, none, false));
            l.add(new Endpoint("POST", "/apikeys/" + throwawayKeyId + "/rotate", adm, false, null, () -> Map.of("grace_seconds", 3600), false));
            l.add(new Endpoint("DELETE", "/apikeys/" + throwawayKeyId, adm, false, null, none, false));
            l.add(new Endpoint("GET", "/audit-logs?limit=5", adm, false, null, none, false));
            l.add(new Endpoint("POST", "/escrows", s, false, null, () -> Map.of("client_id", client, "provider_id", provider,
                    "amount_total", "10.00", "currency", "USD", "release_conditions", Map.of(), "deadline_at", "2031-01-01T00:00:00Z"), true));
            l.add(new Endpoint("GET", "/escrows/" + escrow, ss, true, null, none, false));
            l.add(new Endpoint("POST", "/escrows/" + escrow + "/deposit", s, true, null, () -> Map.of("amount", "1.00"), true));
            l.add(new Endpoint("POST", "/escrows/" + releasable + "/mark-delivered", s, true, null, empty, false));
            l.add(new Endpoint("POST", "/escrows/" + approvable + "/client-approve", s, true, null, empty, false));
            l.add(new Endpoint("POST", "/escrows/" + rejectable + "/client-reject", s, true, null, empty, false));
            l.add(new Endpoint("POST", "/escrows/" + escrow + "/check-deadline", s, true, null, none, false));
            l.add(new Endpoint("POST", "/escrows/" + escrow + "/milestones", adm, false, null, () -> Map.of("label", "sm", "amount", "1.00",
                    "currency", "USD", "sequence_index", 100 + (int) (Math.random() * 100_000)), false));
            l.add(new Endpoint("GET", "/escrows/" + escrow + "/milestones", s, true, null, none, false));
            l.add(new Endpoint("GET", "/escrows/milestones/" + milestone, s, true, null, none, false));
            l.add(new Endpoint("GET", "/escrows/" + escrow + "/events", ss, true, null, none, false));
            l.add(new Endpoint("GET", "/escrows/" + paidEscrow + "/balance", ss, true, null, none, false));
            l.add(new Endpoint("GET", "/escrows/" + paidEscrow + "/payments", ss, true, null, none, false));
            l.add(new Endpoint("POST", "/mandates", s, false, null, () -> Map.of("sender_id", client, "beneficiary_id", provider,
                    "total_amount", "50.00", "currency", "EUR", "expires_at", Instant.now().plus(30, ChronoUnit.DAYS).toString()), false));
            l.add(new Endpoint("POST", "/mandates/cleanup", s, false, null, none, false));
            l.add(new Endpoint("GET", "/mandates/" + mandate, ss, true, null, none, false));
            l.add(new Endpoint("POST", "/spend/categories", sup, false, null, () -> Map.of("code", "sm-" + UUID.randomUUID(), "label", "sm"), false));
            l.add(new Endpoint("POST", "/spend/merchants", sup, false, null, () -> Map.of("name", "sm-" + UUID.randomUUID(), "category_id", category),
                    false));
            l.add(new Endpoint("POST", "/spend/allow", sup, false, null, () -> Map.of("owner_id", provider, "merchant_id", merchant), false));
            l.add(new Endpoint("POST", "/spend/allowed", sup, false, null, () -> Map.of("escrow_id", escrow, "payee_ref", "SM-" + UUID.randomUUID(),
                    "label", "sm payee", "daily_limit", "10.00"), false));
            l.add(new Endpoint("GET", "/spend/allowed/" + payee, sup, false, null, none, false));
            l.add(new Endpoint("POST", "/spend/purchases", s, true, "MANDATE_REQUIRED", () -> Map.of("sender_id", client, "beneficiary_id", provider,
                    "merchant_id", merchant, "amount", "1.00", "currency", "USD"), true));
            l.add(new Endpoint("POST", "/spend", s, true, null, () -> Map.of("escrow_id", escrow, "payee_ref", payeeRef, "amount", "1.00"), true));
            l.add(new Endpoint("POST", "/allowlist", adm, false, null, () -> Map.of("owner_id", client, "recipient_id", provider), false));
            l.add(new Endpoint("POST", "/certified", adm, false, null, () -> Map.of("user_id", provider, "level", "BASIC"), false));
            l.add(new Endpoint("POST", "/transactions", adm, false, null, () -> Map.of("sender_id", client, "receiver_id", provider,
                    "amount", "1.00", "currency", "USD"), true));
            l.add(new Endpoint("GET", "/transactions/" + transaction, adm, false, null, none, false));
            l.add(new Endpoint("GET", "/alerts", sup, false, null, none, false));
            l.add(new Endpoint("POST", "/proofs", s, true, null, () -> Map.of("escrow_id", escrow, "milestone_idx", 1, "type", "PDF",
                    "storage_url", "https://example.com/sm.pdf", "sha256", UUID.randomUUID().toString()), false));
            l.add(new Endpoint("GET", "/proofs/" + proof, ss, true, null, none, false));
            l.add(new Endpoint("POST", "/proofs/" + proof + "/decision", sup, false, null, () -> Map.of("decision", "rejected", "note", "sm"), false));
            l.add(new Endpoint("GET", "/payments/" + payment, ss, true, null, none, false));
            l.add(new Endpoint("POST", "/payments/execute/" + payment, s, true, null, none, false));
            l.add(new Endpoint("POST", "/escrows/" + paidEscrow + "/funding-session", s, true, null, none, false));
            l.add(new Endpoint("POST", "/users/" + client + "/psp/stripe/account-link", adm, false, null, none, false));
            l.add(new Endpoint("GET", "/kct_public/projects", s, false, null, none, false));
            l.add(new Endpoint("POST", "/kct_public/projects", s, false, null, () -> Map.of("label", "sm project", "project_type", "school",
                    "country", "CI", "domain", "public"), false));
            l.add(new Endpoint("POST", "/psp/webhook", pub, false, null, () -> Map.of("type", "test.ping", "event_id", "sm"), false));
            return l;
        }

        static Fixture create() throws Exception {
            E2eHttp admin = RelStack.admin();
            long client = user(admin, "sm-client");
            long provider = user(admin, "sm-provider");
            long stranger = user(admin, "sm-stranger");
            String ownerKey = key(admin, "sender", client).path("key").asText();
            String otherKey = key(admin, "sender", stranger).path("key").asText();
            String supportKey = key(admin, "support", null).path("key").asText();
            JsonNode revoked = key(admin, "sender", client);
            assertEquals(204, admin.delete("/apikeys/" + revoked.path("id").asLong()).status());
            JsonNode expired = key(admin, "sender", client);
            try (Connection c = RelStack.jdbc(Service.GATEWAY); Statement st = c.createStatement()) {
                st.executeUpdate("update api_keys set expires_at = now() - interval '1 day' where id = " + expired.path("id").asLong());
            }
            long throwaway = key(admin, "sender", null).path("id").asLong();
            E2eHttp owner = RelStack.gateway().withApiKey(ownerKey);

            long escrow = funded(owner, client, provider, "100.00");
            long releasable = funded(owner, client, provider, "10.00");
            long rejectable = funded(owner, client, provider, "10.00");
            long approvable = funded(owner, client, provider, "10.00");
            long milestone = milestone(admin, escrow, "PDF", "60.00");
            JsonNode proof = proofUntilKnown(owner, Map.of("escrow_id", escrow, "milestone_idx", 1, "type", "PDF",
                    "storage_url", "https://example.com/sm.pdf", "sha256", UUID.randomUUID().toString()));

            long paidEscrow = funded(owner, client, provider, "20.00");
            milestone(admin, paidEscrow, "PHOTO", "20.00");
            proofUntilKnown(owner, Map.of("escrow_id", paidEscrow, "milestone_idx", 1, "type", "PHOTO", "storage_url", "https://example.com/sm.jpg",
                    "sha256", UUID.randomUUID().toString(), "metadata", Map.of("exif_timestamp", Instant.now().toString(), "source", "app")));
            JsonNode payments = Poll.poll(EVENTUALLY, () -> owner.get("/escrows/" + paidEscrow + "/payments").json(), p -> p.size() == 1);
            long payment = payments.get(0).path("id").asLong();

            long category = ok(admin.postJson("/spend/categories", Map.of("code", "sm-cat-" + UUID.randomUUID(), "label", "sm")), 201).path("id").asLong();
            long merchant = ok(admin.postJson("/spend/merchants", Map.of("name", "sm-m-" + UUID.randomUUID(), "category_id", category,
                    "is_certified", true)), 201).path("id").asLong();
            long mandate = ok(untilKnown(() -> owner.postJson("/mandates", Map.of("sender_id", client, "beneficiary_id", provider,
                    "total_amount", "500.00", "currency", "USD", "expires_at", Instant.now().plus(30, ChronoUnit.DAYS).toString()))), 201)
                    .path("id").asLong();
            String payeeRef = "SM-PAYEE-" + UUID.randomUUID();
            long payee = ok(untilKnown(() -> admin.postJson("/spend/allowed", Map.of("escrow_id", escrow, "payee_ref", payeeRef, "label",
                    "sm payee", "daily_limit", "50.00"))), 201).path("id").asLong();
            ok(untilKnown(() -> admin.postJson("/allowlist", Map.of("owner_id", client, "recipient_id", provider))), 201);
            long transaction = ok(admin.postJson("/transactions", Map.of("sender_id", client, "receiver_id", provider, "amount", "1.00",
                    "currency", "USD"), "Idempotency-Key", "sm-tx-" + UUID.randomUUID()), 201).path("id").asLong();
            return new Fixture(client, provider, stranger, ownerKey, otherKey, supportKey, revoked.path("key").asText(),
                    expired.path("key").asText(), escrow, releasable, rejectable, approvable, milestone, paidEscrow,
                    proof.path("id").asLong(), payment, mandate, payee, payeeRef, merchant, category, transaction, throwaway);
        }

        private static long user(E2eHttp admin, String name) {
            String u = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            return ok(admin.postJson("/users", Map.of("username", u, "email", u + "@example.com")), 201).path("id").asLong();
        }

        private static JsonNode key(E2eHttp admin, String scope, Long user) {
            Map<String, Object> body = new HashMap<>(Map.of("name", "sm-" + scope, "scope", scope));
            if (user != null) {
                body.put("user_id", user);
            }
            JsonNode created = ok(admin.postJson("/apikeys", body), 201);
            Sensitive.add(created.path("key").asText());
            return created;
        }

        private static long funded(E2eHttp owner, long client, long provider, String total) {
            long id = ok(untilKnown(() -> owner.postJson("/escrows", Map.of("client_id", client, "provider_id", provider, "amount_total", total,
                    "currency", "USD", "release_conditions", Map.of(), "deadline_at", "2031-01-01T00:00:00Z"))), 201).path("id").asLong();
            ok(owner.postJson("/escrows/" + id + "/deposit", Map.of("amount", total), "Idempotency-Key", "sm-" + UUID.randomUUID()), 200);
            return id;
        }

        private static long milestone(E2eHttp admin, long escrow, String kind, String amount) {
            return ok(admin.postJson("/escrows/" + escrow + "/milestones", Map.of("label", "sm", "amount", amount, "currency", "USD",
                    "sequence_index", 1, "proof_kind", kind)), 201).path("id").asLong();
        }

        private static JsonNode proofUntilKnown(E2eHttp owner, Map<String, Object> body) {
            return ok(untilKnown(() -> owner.postJson("/proofs", body)), 201);
        }

        /** Retries while another service has not yet received the users or escrows it needs (they come through Kafka). */
        private static E2eHttp.Result untilKnown(java.util.concurrent.Callable<E2eHttp.Result> call) {
            return Poll.poll(EVENTUALLY, call, r -> r.status() != 404 && !(r.status() == 409 && r.body().contains("INSUFFICIENT_ESCROW_BALANCE")));
        }

        private static JsonNode ok(E2eHttp.Result r, int status) {
            assertEquals(status, r.status(), r.body());
            return r.json();
        }
    }
}
