package com.kobatela.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * No API key, secret or PII in any log line (spec {@code rules.md#masking}, ARCHITECTURE §7): every record logged
 * (all categories, DEBUG for ours) while users and keys are created, keys authenticate (X-API-Key and Bearer),
 * bad and legacy keys are refused and a routed call fails upstream is captured with its MDC and stack trace, and
 * searched for the raw key, its secret part, the e-mail, the API key HMAC secret and the legacy key. The lines of
 * an authenticated request carry its request id and the actor {@code apikey:<prefix>}.
 */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class LogSafetyTest {

    /** Captures every record, rendered as message + MDC + stack trace. */
    static final class Capture extends Handler {
        final List<String> lines = new ArrayList<>();
        final List<Map<String, String>> mdcs = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            ExtLogRecord r = ExtLogRecord.wrap(record);
            StringBuilder sb = new StringBuilder(r.getLoggerName()).append(' ').append(r.getFormattedMessage());
            Map<String, String> mdc = r.getMdcCopy();
            sb.append(' ').append(mdc);
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                sb.append(' ').append(w);
            }
            lines.add(sb.toString());
            mdcs.add(mdc);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void noSecretOrPiiInAnyLogLine() {
        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        org.jboss.logmanager.Logger root = LogContext.getLogContext().getLogger("");
        root.addHandler(capture);
        String username = "logtest" + UUID.randomUUID().toString().substring(0, 8);
        String email = username + "@mail.example.org";
        String rawKey;
        String prefix;
        String requestId = "log-test-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            long user = given().header("X-API-Key", TestSupport.adminKey()).contentType(ContentType.JSON)
                    .body(Map.of("username", username, "email", email)).when().post("/users").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            Map<String, Object> created = TestSupport.createKey("sender", user);
            rawKey = (String) created.get("key");
            prefix = rawKey.substring(0, 11);
            given().header("X-API-Key", rawKey).header("X-Request-Id", requestId).when().get("/escrows/7").then().statusCode(201);
            given().header("Authorization", "Bearer " + rawKey).when().get("/escrows/7").then().statusCode(201);
            given().header("X-API-Key", rawKey + "x").when().get("/escrows/7").then().statusCode(401);
            given().header("X-API-Key", GatewayTestProfile.LEGACY_KEY).when().get("/escrows/7").then().statusCode(401);
            given().header("X-API-Key", rawKey).header("X-Request-Id", requestId).when().get("/escrows/hang").then().statusCode(503);
            given().header("X-API-Key", TestSupport.adminKey()).when().get("/users/" + user).then().statusCode(200);
        } finally {
            root.removeHandler(capture);
        }
        String secretKey = ConfigProvider.getConfig().getOptionalValue("kobatela.api-key.secret", String.class).orElse("");
        List<String> forbidden = new ArrayList<>(List.of(rawKey, rawKey.substring(12), email, GatewayTestProfile.LEGACY_KEY,
                TestSupport.adminKey(), TestSupport.adminKey().substring(12)));
        if (secretKey.length() >= 8) {
            forbidden.add(secretKey);
        }
        assertTrue(capture.lines.size() >= 1, "captured " + capture.lines.size() + " lines");
        for (String line : capture.lines) {
            for (String secret : forbidden) {
                assertFalse(line.contains(secret), "secret or PII in a log line: " + line);
            }
        }
        assertTrue(capture.mdcs.stream().anyMatch(m -> requestId.equals(m.get("requestId")) && ("apikey:" + prefix).equals(m.get("actor"))),
                "the upstream failure line carries request id and actor: " + capture.mdcs);
    }
}
