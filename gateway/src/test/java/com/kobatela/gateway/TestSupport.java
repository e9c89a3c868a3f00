package com.kobatela.gateway;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.kobatela.testsupport.PostgresTestResource;

import io.restassured.http.ContentType;

/** Helpers shared by the gateway tests: the bootstrap admin key, key and user creation, a JDBC connection. */
public final class TestSupport {

    private TestSupport() {
    }

    /** The raw admin key written by the bootstrap. */
    public static String adminKey() {
        try {
            return Files.readString(GatewayTestProfile.ADMIN_KEY_FILE).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a key (admin) and returns the creation answer. */
    public static Map<String, Object> createKey(String scope, Long userId) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", scope + "-" + UUID.randomUUID());
        body.put("scope", scope);
        if (userId != null) {
            body.put("user_id", userId);
        }
        return given().header("X-API-Key", adminKey()).contentType(ContentType.JSON).body(body)
                .when().post("/apikeys").then().statusCode(201).extract().jsonPath().getMap("");
    }

    /** Creates a key of {@code scope} and returns its raw value. */
    public static String rawKey(String scope) {
        return (String) createKey(scope, null).get("key");
    }

    /** Creates a user (admin) and returns its id. */
    public static long createUser() {
        String u = "u" + UUID.randomUUID().toString().substring(0, 12);
        return given().header("X-API-Key", adminKey()).contentType(ContentType.JSON)
                .body(Map.of("username", u, "email", u + "@example.com"))
                .when().post("/users").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A JDBC connection to the test database of the running gateway. */
    public static Connection jdbc() throws SQLException {
        PostgresTestResource.Server s = PostgresTestResource.server();
        String db = ConfigProvider.getConfig().getValue("kobatela.db.name", String.class);
        return DriverManager.getConnection("jdbc:postgresql://" + s.host() + ":" + s.port() + "/" + db, s.user(), s.password());
    }
}
