package com.kobatela.gateway;

import static com.kobatela.gateway.TestSupport.adminKey;
import static com.kobatela.gateway.TestSupport.createKey;
import static com.kobatela.gateway.TestSupport.jdbc;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** API key rotation (issue 7, API key lifecycle): new key at once, old key valid for the grace period only. */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class ApiKeyRotationTest {

    private static int statusWith(String key) {
        return given().header("X-API-Key", key).when().get("/users/1").then().extract().statusCode();
    }

    @Test
    void rotationWithoutGraceRefusesTheOldKeyAtOnce() {
        Map<String, Object> old = createKey("support", null);
        String oldRaw = (String) old.get("key");
        assertNotEquals(401, statusWith(oldRaw));
        Map<String, Object> rotated = given().header("X-API-Key", adminKey()).contentType(ContentType.JSON).body(Map.of("grace_seconds", 0))
                .when().post("/apikeys/" + old.get("id") + "/rotate").then().statusCode(201)
                .body("scope", equalTo("support")).body("name", equalTo(old.get("name"))).extract().jsonPath().getMap("");
        String newRaw = (String) rotated.get("key");
        assertNotEquals(oldRaw, newRaw);
        assertEquals(401, statusWith(oldRaw));
        assertNotEquals(401, statusWith(newRaw));
        // a key that no longer works cannot be rotated again
        given().header("X-API-Key", adminKey()).contentType(ContentType.JSON).body("{}").when().post("/apikeys/" + old.get("id") + "/rotate")
                .then().statusCode(409).body("error.code", equalTo("APIKEY_NOT_ACTIVE"));
    }

    @Test
    void defaultGraceKeepsTheOldKeyForADayAndIsAudited() throws Exception {
        Map<String, Object> old = createKey("support", null);
        String oldRaw = (String) old.get("key");
        long newId = given().header("X-API-Key", adminKey()).contentType(ContentType.JSON).body("{}")
                .when().post("/apikeys/" + old.get("id") + "/rotate").then().statusCode(201).extract().jsonPath().getLong("id");
        assertNotEquals(401, statusWith(oldRaw));
        OffsetDateTime expires = OffsetDateTime.parse(given().header("X-API-Key", adminKey()).when().get("/apikeys/" + old.get("id"))
                .then().statusCode(200).extract().jsonPath().getString("expires_at"));
        long hours = Duration.between(OffsetDateTime.now(), expires).toHours();
        assertTrue(hours >= 23 && hours <= 24, "old key expires in " + hours + " h");
        try (Connection c = jdbc(); PreparedStatement st = c.prepareStatement(
                "select data_json->>'new_api_key_id', data_json->>'grace_seconds', actor from audit_logs "
                        + "where action = 'ROTATE_API_KEY' and entity = 'ApiKey' and entity_id = ?")) {
            st.setLong(1, ((Number) old.get("id")).longValue());
            ResultSet rs = st.executeQuery();
            assertTrue(rs.next());
            assertEquals(String.valueOf(newId), rs.getString(1));
            assertEquals("86400", rs.getString(2));
            assertTrue(rs.getString(3).startsWith("apikey:koba_"), rs.getString(3));
        }
    }

    @Test
    void errors() {
        given().header("X-API-Key", adminKey()).contentType(ContentType.JSON).body("{}").when().post("/apikeys/99999999/rotate")
                .then().statusCode(404).body("error.code", equalTo("APIKEY_NOT_FOUND"));
        Map<String, Object> k = createKey("sender", null);
        given().header("X-API-Key", adminKey()).contentType(ContentType.JSON).body(Map.of("grace_seconds", -1))
                .when().post("/apikeys/" + k.get("id") + "/rotate").then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"));
        given().header("X-API-Key", (String) k.get("key")).contentType(ContentType.JSON).body("{}")
                .when().post("/apikeys/" + k.get("id") + "/rotate").then().statusCode(403).body("error.code", equalTo("INSUFFICIENT_SCOPE"));
        given().header("X-API-Key", adminKey()).when().delete("/apikeys/" + k.get("id")).then().statusCode(204);
        given().header("X-API-Key", adminKey()).contentType(ContentType.JSON).body("{}").when().post("/apikeys/" + k.get("id") + "/rotate")
                .then().statusCode(409).body("error.code", equalTo("APIKEY_NOT_ACTIVE"));
    }
}
