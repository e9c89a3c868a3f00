package com.kobatela.gateway;

import static com.kobatela.gateway.TestSupport.adminKey;
import static com.kobatela.gateway.TestSupport.createKey;
import static com.kobatela.gateway.TestSupport.jdbc;
import static com.kobatela.gateway.TestSupport.rawKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.kobatela.gateway.domain.GeneratedKey;
import com.kobatela.gateway.service.ApiKeyHasher;
import com.kobatela.gateway.config.SecretKeyPolicy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Users and API keys through the gateway's own endpoints: AC-011, AC-012, AC-013 and the authentication rules. */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class UsersAndKeysTest {

    @Inject
    SecretKeyPolicy secret;

    /** AC-011: creation answers UserRead; CREATE_USER audited with the apikey actor and a masked e-mail. */
    @Test
    void userCreationIsAuditedWithMaskedEmail() throws Exception {
        String name = "alice" + UUID.randomUUID().toString().substring(0, 8);
        long id = given().header("X-API-Key", adminKey()).contentType(ContentType.JSON)
                .body(Map.of("username", name, "email", name + "@example.org"))
                .when().post("/users")
                .then().statusCode(201)
                .body("username", equalTo(name))
                .body("email", equalTo(name + "@example.org"))
                .body("is_active", equalTo(true))
                .body("stripe_payout_enabled", equalTo(false))
                .body("stripe_account_id", nullValue())
                .body("public_tag", equalTo("private"))
                .extract().jsonPath().getLong("id");
        try (Connection c = jdbc(); PreparedStatement st = c.prepareStatement(
                "select actor, entity, data_json->>'email', data_json->>'username', request_id, api_key_id from audit_logs "
                        + "where action = 'CREATE_USER' and entity_id = ? order by id desc limit 1")) {
            st.setLong(1, id);
            ResultSet rs = st.executeQuery();
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("apikey:koba_"), rs.getString(1));
            assertEquals("User", rs.getString(2));
            assertEquals("***@example.org", rs.getString(3));
            assertEquals(name, rs.getString(4));
            assertNotNull(rs.getString(5));
            assertNotNull(rs.getObject(6));
        }
    }

    /** AC-012: read (support) audited READ_USER; unknown → 404; duplicate → 400; invalid e-mail → 422. */
    @Test
    void userReadNotFoundDuplicateAndValidation() throws Exception {
        String support = rawKey("support");
        String name = "bob" + UUID.randomUUID().toString().substring(0, 8);
        long id = given().header("X-API-Key", support).contentType(ContentType.JSON)
                .body(Map.of("username", name, "email", name + "@example.org"))
                .when().post("/users").then().statusCode(201).extract().jsonPath().getLong("id");
        given().header("Authorization", "Bearer " + support).when().get("/users/" + id)
                .then().statusCode(200).body("id", equalTo((int) id)).body("username", equalTo(name));
        try (Connection c = jdbc(); PreparedStatement st = c.prepareStatement(
                "select data_json->>'reason' from audit_logs where action = 'READ_USER' and entity_id = ?")) {
            st.setLong(1, id);
            ResultSet rs = st.executeQuery();
            assertTrue(rs.next());
            assertEquals("api_read", rs.getString(1));
        }
        given().header("X-API-Key", support).when().get("/users/999999")
                .then().statusCode(404).body("error.code", equalTo("USER_NOT_FOUND"));
        given().header("X-API-Key", support).contentType(ContentType.JSON)
                .body(Map.of("username", name, "email", "other-" + name + "@example.org"))
                .when().post("/users").then().statusCode(400).body("error.code", equalTo("USER_CREATE_FAILED"))
                .body("error.message", equalTo("Could not create user."));
        given().header("X-API-Key", support).contentType(ContentType.JSON)
                .body(Map.of("username", "other-" + name, "email", name + "@example.org"))
                .when().post("/users").then().statusCode(400).body("error.code", equalTo("USER_CREATE_FAILED"));
        given().header("X-API-Key", support).contentType(ContentType.JSON)
                .body(Map.of("username", "x" + name, "email", "not-an-email"))
                .when().post("/users").then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"))
                .body("error.field", equalTo("email"));
        given().header("X-API-Key", support).contentType(ContentType.JSON)
                .body(Map.of("username", "", "email", "e" + name + "@example.org"))
                .when().post("/users").then().statusCode(422).body("error.field", equalTo("username"));
    }

    /** public_tag only for admin callers. */
    @Test
    void publicTagIsAdminOnly() {
        String name = "gov" + UUID.randomUUID().toString().substring(0, 8);
        given().header("X-API-Key", rawKey("support")).contentType(ContentType.JSON)
                .body(Map.of("username", name, "email", name + "@gov.example", "public_tag", "GOV"))
                .when().post("/users").then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        given().header("X-API-Key", adminKey()).contentType(ContentType.JSON)
                .body(Map.of("username", name, "email", name + "@gov.example", "public_tag", "GOV"))
                .when().post("/users").then().statusCode(201).body("public_tag", equalTo("GOV"));
    }

    /** AC-013: key lifecycle, format, expiry, revocation, audits, validation. */
    @Test
    void apiKeyLifecycle() throws Exception {
        String admin = adminKey();
        Map<String, Object> created = createKey("sender", null);
        String key = (String) created.get("key");
        long id = ((Number) created.get("id")).longValue();
        assertTrue(GeneratedKey.FORMAT.matcher(key).matches(), key);
        assertEquals("sender", created.get("scope"));
        OffsetDateTime expires = OffsetDateTime.parse((String) created.get("expires_at"));
        OffsetDateTime expected = OffsetDateTime.now(ZoneOffset.UTC).plusDays(90);
        assertTrue(Duration.between(expires, expected).abs().toMinutes() < 5, expires.toString());

        given().header("X-API-Key", admin).when().get("/apikeys/" + id)
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("key", nullValue())
                .body("key_hash", nullValue())
                .body("is_active", equalTo(true))
                .body("last_used_at", nullValue())
                .body("prefix", equalTo(key.substring(0, 11)));

        // The hash is stored, never the raw key.
        try (Connection c = jdbc(); PreparedStatement st = c.prepareStatement("select prefix, key_hash from api_keys where id = ?")) {
            st.setLong(1, id);
            ResultSet rs = st.executeQuery();
            assertTrue(rs.next());
            assertEquals(key.substring(0, 11), rs.getString(1));
            assertEquals(ApiKeyHasher.hmacHex(secret.secret(), key), rs.getString(2));
            assertNotEquals(key, rs.getString(2));
            assertTrue(rs.getString(2).matches("^[0-9a-f]{64}$"));
        }

        // The key works on a sender route (forwarded to the fake escrow upstream); usage recorded.
        given().header("X-API-Key", key).contentType(ContentType.JSON).body("{}").when().post("/escrows")
                .then().statusCode(201);
        given().header("X-API-Key", admin).when().get("/apikeys/" + id)
                .then().statusCode(200).body("last_used_at", notNullValue());
        try (Connection c = jdbc(); PreparedStatement st = c.prepareStatement(
                "select actor, data_json->>'scope', data_json->>'prefix', api_key_id from audit_logs "
                        + "where action = 'API_KEY_USED' and entity_id = ?")) {
            st.setLong(1, id);
            ResultSet rs = st.executeQuery();
            assertTrue(rs.next());
            assertEquals("apikey:" + key.substring(0, 11), rs.getString(1));
            assertEquals("sender", rs.getString(2));
            assertEquals(key.substring(0, 11), rs.getString(3));
            assertEquals(id, rs.getLong(4));
        }

        // A burst on the same key: one audit row per request, but a fresh last_used_at (under a second old; here set
        // ahead so the check does not depend on timing) is not rewritten, so requests of a key do not queue on its row;
        // a stale one moves to now on the next request.
        OffsetDateTime fresh = setLastUsedAt(id, "now() + interval '1 hour'");
        for (int i = 0; i < 5; i++) {
            given().header("X-API-Key", key).contentType(ContentType.JSON).body("{}").when().post("/escrows").then().statusCode(201);
        }
        assertEquals(6, auditRows("API_KEY_USED", id));
        assertEquals(fresh.toInstant(), lastUsedAt(id).toInstant());
        OffsetDateTime stale = setLastUsedAt(id, "now() - interval '1 hour'");
        given().header("X-API-Key", key).contentType(ContentType.JSON).body("{}").when().post("/escrows").then().statusCode(201);
        assertTrue(Duration.between(stale, lastUsedAt(id)).toMinutes() >= 59, stale + " -> " + lastUsedAt(id));

        // Revoke, revoke again (no-op), then the key is refused.
        given().header("X-API-Key", admin).when().delete("/apikeys/" + id).then().statusCode(204);
        given().header("X-API-Key", admin).when().delete("/apikeys/" + id).then().statusCode(204);
        given().header("X-API-Key", key).when().post("/mandates/cleanup")
                .then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"))
                .body("error.message", equalTo("Invalid or expired API key"));
        try (Connection c = jdbc(); PreparedStatement st = c.prepareStatement(
                "select action from audit_logs where entity = 'ApiKey' and entity_id = ? and action in "
                        + "('CREATE_API_KEY', 'REVOKE_API_KEY', 'REVOKE_API_KEY_NOOP') order by id")) {
            st.setLong(1, id);
            ResultSet rs = st.executeQuery();
            StringBuilder actions = new StringBuilder();
            while (rs.next()) {
                actions.append(rs.getString(1)).append(' ');
            }
            assertEquals("CREATE_API_KEY REVOKE_API_KEY REVOKE_API_KEY_NOOP", actions.toString().strip());
        }

        given().header("X-API-Key", admin).when().get("/apikeys/999999")
                .then().statusCode(404).body("error.code", equalTo("APIKEY_NOT_FOUND"));
        given().header("X-API-Key", admin).when().delete("/apikeys/999999")
                .then().statusCode(404).body("error.code", equalTo("APIKEY_NOT_FOUND"));
    }

    /** days_valid null → never expires; validation errors; unknown linked user. */
    @Test
    void apiKeyCreationRules() {
        String admin = adminKey();
        Map<String, Object> never = new HashMap<>();
        never.put("name", "  trimmed  ");
        never.put("scope", "support");
        never.put("days_valid", null);
        given().header("X-API-Key", admin).contentType(ContentType.JSON).body(never).when().post("/apikeys")
                .then().statusCode(201).body("expires_at", nullValue()).body("name", equalTo("trimmed"))
                .body("key", matchesPattern("^koba_[0-9a-f]{6}\\.[A-Za-z0-9_-]{43}$"));
        given().header("X-API-Key", admin).contentType(ContentType.JSON).body(Map.of("name", "  ", "scope", "sender"))
                .when().post("/apikeys").then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"))
                .body("error.field", equalTo("name"));
        given().header("X-API-Key", admin).contentType(ContentType.JSON).body(Map.of("name", "k", "scope", "root"))
                .when().post("/apikeys").then().statusCode(422).body("error.field", equalTo("scope"));
        given().header("X-API-Key", admin).contentType(ContentType.JSON).body(Map.of("name", "k", "scope", "sender", "days_valid", 0))
                .when().post("/apikeys").then().statusCode(422).body("error.field", equalTo("days_valid"));
        given().header("X-API-Key", admin).contentType(ContentType.JSON)
                .body(Map.of("name", "k", "scope", "sender", "user_id", 999999))
                .when().post("/apikeys").then().statusCode(404).body("error.code", equalTo("USER_NOT_FOUND"))
                .body("error.message", equalTo("Linked user not found."));
        long user = TestSupport.createUser();
        Map<String, Object> linked = createKey("sender", user);
        given().header("X-API-Key", admin).when().get("/apikeys/" + linked.get("id"))
                .then().statusCode(200).body("user_id", equalTo((int) user));
    }

    /** An expired key is refused. */
    @Test
    void expiredKeyIsRefused() throws Exception {
        Map<String, Object> created = createKey("support", null);
        try (Connection c = jdbc(); PreparedStatement st = c.prepareStatement(
                "update api_keys set expires_at = now() - interval '1 minute' where id = ?")) {
            st.setLong(1, ((Number) created.get("id")).longValue());
            assertEquals(1, st.executeUpdate());
        }
        given().header("X-API-Key", (String) created.get("key")).when().get("/users/1")
                .then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
    }

    /** Token extraction: X-API-Key wins, Bearer accepted, other schemes count as no key (AC-003, AC-004). */
    @Test
    void tokenExtraction() {
        String support = rawKey("support");
        String sender = rawKey("sender");
        given().when().get("/users/1").then().statusCode(401).body("error.code", equalTo("NO_API_KEY"))
                .body("error.message", equalTo("API key required."));
        given().header("Authorization", "Basic abc").when().get("/escrows/1")
                .then().statusCode(401).body("error.code", equalTo("NO_API_KEY"));
        given().header("Authorization", "Bearer nope").when().get("/alerts")
                .then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        // X-API-Key (support) wins over Bearer (sender): support may read users.
        given().header("X-API-Key", "  " + support + "  ").header("Authorization", "Bearer " + sender)
                .when().get("/users/999999").then().statusCode(404).body("error.code", equalTo("USER_NOT_FOUND"));
        // And the other way round: a sender X-API-Key with a support Bearer is refused.
        given().header("X-API-Key", sender).header("Authorization", "Bearer " + support)
                .when().get("/users/999999").then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
    }

    /** Scope matrix spot checks (AC-005, AC-006, AC-008) with the exact message; admin passes everything. */
    @Test
    void scopeMatrix() {
        String sender = rawKey("sender");
        String support = rawKey("support");
        given().header("X-API-Key", sender).contentType(ContentType.JSON).body(Map.of("username", "x", "email", "x@example.com"))
                .when().post("/users").then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"))
                .body("error.message", equalTo("Requires one of: ['admin', 'support']"));
        given().header("X-API-Key", sender).when().get("/apikeys/1")
                .then().statusCode(403).body("error.message", equalTo("Requires one of: ['admin']"));
        given().header("X-API-Key", sender).when().get("/alerts").then().statusCode(403);
        given().header("X-API-Key", sender).contentType(ContentType.JSON).body("{}").when().post("/spend/categories")
                .then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        given().header("X-API-Key", sender).contentType(ContentType.JSON).body("{\"owner_id\":1,\"recipient_id\":2,\"category_id\":3}")
                .when().post("/allowlist").then().statusCode(403);
        given().header("X-API-Key", sender).header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body("{}").when().post("/transactions").then().statusCode(403);
        given().header("X-API-Key", support).contentType(ContentType.JSON).body("{}").when().post("/escrows/1/milestones")
                .then().statusCode(403).body("error.message", equalTo("Requires one of: ['admin']"));
        given().header("X-API-Key", support).contentType(ContentType.JSON).body("{}").when().post("/escrows")
                .then().statusCode(403).body("error.message", equalTo("Requires one of: ['admin', 'sender']"));
        // Admin passes sender and support routes (forwarded to the fake upstream).
        given().header("X-API-Key", adminKey()).contentType(ContentType.JSON).body("{}").when().post("/escrows").then().statusCode(201);
        given().header("X-API-Key", adminKey()).when().get("/escrows/5").then().statusCode(201);
        // Sender passes its own routes.
        given().header("X-API-Key", sender).when().get("/escrows/5").then().statusCode(201);
        // Unknown route: 401 first, then 404 in the common body.
        given().when().get("/no-such-route").then().statusCode(401).body("error.code", equalTo("NO_API_KEY"));
        given().header("X-API-Key", sender).when().get("/no-such-route").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
    }

    /** AC-009: the legacy key outside dev → 401 LEGACY_KEY_FORBIDDEN. */
    @Test
    void legacyKeyForbiddenOutsideDev() {
        given().header("Authorization", "Bearer " + GatewayTestProfile.LEGACY_KEY).when().get("/transactions/1")
                .then().statusCode(401).body("error.code", equalTo("LEGACY_KEY_FORBIDDEN"))
                .body("error.message", equalTo("Legacy dev key disabled."));
        given().header("X-API-Key", GatewayTestProfile.LEGACY_KEY).when().post("/mandates/cleanup")
                .then().statusCode(401).body("error.code", equalTo("LEGACY_KEY_FORBIDDEN"));
        assertFalse(secret.secret().isBlank());
    }

    private static OffsetDateTime lastUsedAt(long keyId) throws Exception {
        try (Connection c = jdbc(); PreparedStatement st = c.prepareStatement("select last_used_at from api_keys where id = ?")) {
            st.setLong(1, keyId);
            ResultSet rs = st.executeQuery();
            assertTrue(rs.next());
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    private static OffsetDateTime setLastUsedAt(long keyId, String sqlValue) throws Exception {
        try (Connection c = jdbc(); PreparedStatement st = c.prepareStatement(
                "update api_keys set last_used_at = " + sqlValue + " where id = ? returning last_used_at")) {
            st.setLong(1, keyId);
            ResultSet rs = st.executeQuery();
            assertTrue(rs.next());
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    private static int auditRows(String action, long entityId) throws Exception {
        try (Connection c = jdbc(); PreparedStatement st = c.prepareStatement(
                "select count(*) from audit_logs where action = ? and entity_id = ?")) {
            st.setString(1, action);
            st.setLong(2, entityId);
            ResultSet rs = st.executeQuery();
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }
}
