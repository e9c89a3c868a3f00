package com.kobatela.gateway;

import static com.kobatela.gateway.TestSupport.adminKey;
import static com.kobatela.gateway.TestSupport.createKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import com.kobatela.testsupport.JwtTestKeys;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Forwarding to upstream services through a fake upstream server that echoes what it received. */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class RoutingTest {

    /** Method, path, query and body bytes unchanged; caller credentials replaced by a verifiable internal JWT. */
    @Test
    void forwardsByteForByteWithInternalJwt() throws Exception {
        long user = TestSupport.createUser();
        Map<String, Object> created = createKey("sender", user);
        String key = (String) created.get("key");
        long keyId = ((Number) created.get("id")).longValue();
        byte[] body = "{\"amount\":  \"10.50\", \"note\":\"caf\u00e9 \\u00e9\"}\n".getBytes(StandardCharsets.UTF_8);
        Response r = given().urlEncodingEnabled(false).header("X-API-Key", key).header("Authorization", "Bearer something-else")
                .header("Idempotency-Key", "ik-1").header("Content-Type", "application/json").body(body)
                .when().post("/escrows/42/deposit?x=1&y=a%20b");
        assertEquals(201, r.statusCode());
        assertEquals("fake", r.header("X-Upstream"));
        String requestId = r.header("X-Request-Id");
        assertTrue(requestId != null && requestId.matches("^[0-9a-f-]{36}$"), String.valueOf(requestId));
        JsonPath echo = r.jsonPath();
        assertEquals("POST", echo.getString("method"));
        assertEquals("/escrows/42/deposit?x=1&y=a%20b", echo.getString("uri"));
        assertArrayEquals(body, Base64.getDecoder().decode(echo.getString("body_base64")));
        Map<String, List<String>> headers = echo.getMap("headers");
        assertFalse(headers.containsKey("x-api-key"));
        assertEquals(List.of("ik-1"), headers.get("idempotency-key"));
        assertEquals(List.of(requestId), headers.get("x-request-id"));
        List<String> auth = headers.get("authorization");
        assertEquals(1, auth.size());
        assertTrue(auth.get(0).startsWith("Bearer "));
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(JwtTestKeys.pair().getPublic())
                .setExpectedIssuer("kobatela-gateway")
                .setExpectedAudience("kobatela-internal")
                .setRequireExpirationTime()
                .build().processToClaims(auth.get(0).substring(7));
        assertEquals("sender", claims.getClaimValueAsString("scope"));
        assertEquals(List.of("sender"), claims.getStringListClaimValue("groups"));
        assertEquals(keyId, ((Number) claims.getClaimValue("api_key_id")).longValue());
        assertEquals(user, ((Number) claims.getClaimValue("user_id")).longValue());
        assertEquals(key.substring(0, 11), claims.getClaimValueAsString("prefix"));
        assertEquals("private", claims.getClaimValueAsString("public_tag"));
        // the request id travels in X-Request-Id (asserted above), not in the token, which is reused for the key
        assertEquals(null, claims.getClaimValueAsString("request_id"));
        assertEquals("user:" + user, claims.getSubject());
        assertTrue(claims.getJwtId() != null && !claims.getJwtId().isBlank());
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertTrue(lifetime > 0 && lifetime <= 60, "lifetime " + lifetime);
    }

    /** A sane client request id is kept and forwarded; an insane one is replaced. */
    @Test
    void requestIdIsKeptWhenSane() {
        given().header("X-API-Key", adminKey()).header("X-Request-Id", "abc.DEF_123-x")
                .when().get("/escrows/7").then().statusCode(201).header("X-Request-Id", "abc.DEF_123-x")
                .body("headers.x-request-id[0]", equalTo("abc.DEF_123-x"));
        String replaced = given().header("X-API-Key", adminKey()).header("X-Request-Id", "bad id with spaces")
                .when().get("/escrows/7").then().statusCode(201).extract().header("X-Request-Id");
        assertTrue(replaced.matches("^[0-9a-f-]{36}$"), replaced);
        // Errors carry it too, and local routes echo it.
        given().header("X-Request-Id", "err-1").when().get("/escrows/7").then().statusCode(401).header("X-Request-Id", "err-1");
        given().header("X-Request-Id", "health-1").when().get("/health").then().statusCode(200).header("X-Request-Id", "health-1");
        given().header("X-API-Key", adminKey()).header("X-Request-Id", "local-1").when().get("/users/999999")
                .then().statusCode(404).header("X-Request-Id", "local-1");
    }

    /** A refused upstream answers 503 in the common body, quickly. */
    @Test
    void upstreamDownIs503() {
        long start = System.nanoTime();
        given().header("X-API-Key", adminKey()).when().get("/alerts")
                .then().statusCode(503).body("error.code", equalTo("SERVICE_UNAVAILABLE"));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_500, "refused upstream must fail fast");
    }

    /** A silent upstream answers 503 once the per-upstream timeout (3 s in tests) has passed, never a hang. */
    @Test
    void silentUpstreamTimesOutWith503() {
        long start = System.nanoTime();
        given().header("X-API-Key", adminKey()).when().get("/escrows/hang")
                .then().statusCode(503).body("error.code", equalTo("SERVICE_UNAVAILABLE"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 2_500 && ms < 8_000, "took " + ms + " ms");
    }

    /** Bodies above the cap (64 KiB in tests) → 413; also when streamed without Content-Length. */
    @Test
    void oversizedBodyIs413() {
        byte[] big = new byte[65_537];
        java.util.Arrays.fill(big, (byte) 'a');
        given().header("X-API-Key", adminKey()).header("Content-Type", "application/json").body(big)
                .when().post("/escrows").then().statusCode(413).body("error.code", equalTo("PAYLOAD_TOO_LARGE"));
        given().header("Content-Type", "application/json").body(big)
                .when().post("/psp/webhook").then().statusCode(413).body("error.code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    /** PSP webhook: no API key, body byte for byte, signature headers kept, no internal JWT. */
    @Test
    void pspWebhookPassesThroughWithoutKey() {
        String raw = "{\"event\":\"payment.settled\",  \"psp_ref\":\"" + UUID.randomUUID() + "\"}";
        Response r = given().header("X-PSP-Signature", "sig-123").header("X-PSP-Timestamp", "1700000000")
                .header("X-PSP-Event-Id", "evt-1").header("Content-Type", "application/json").body(raw.getBytes(StandardCharsets.UTF_8))
                .when().post("/psp/webhook");
        assertEquals(201, r.statusCode());
        JsonPath echo = r.jsonPath();
        assertEquals("/psp/webhook", echo.getString("uri"));
        assertEquals(raw, new String(Base64.getDecoder().decode(echo.getString("body_base64")), StandardCharsets.UTF_8));
        Map<String, List<String>> headers = echo.getMap("headers");
        assertEquals(List.of("sig-123"), headers.get("x-psp-signature"));
        assertEquals(List.of("1700000000"), headers.get("x-psp-timestamp"));
        assertFalse(headers.containsKey("authorization"));
    }
}
