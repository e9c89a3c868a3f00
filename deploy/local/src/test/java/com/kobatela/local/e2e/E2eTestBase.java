package com.kobatela.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.kobatela.local.LocalStack;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base class of end-to-end tests: the stack is started once per test run and tests talk to the
 * gateway only, as a partner would. Also the fixtures every scenario needs: users, API keys, clients.
 */
@ExtendWith(LocalStackExtension.class)
public abstract class E2eTestBase {

    /** The running stack. */
    protected static LocalStack.Running stack() {
        return E2eStack.get();
    }

    /** A gateway client without credentials. */
    protected static E2eHttp gateway() {
        return new E2eHttp(stack().gatewayUrl());
    }

    /** A gateway client authenticated with the admin API key. */
    protected static E2eHttp admin() {
        return gateway().withApiKey(stack().adminKey());
    }

    /** "Eventually" of acceptance.md, with margin for a loaded machine. */
    protected static final Duration EVENTUALLY = Duration.ofSeconds(30);

    /** A user created by the admin key; returns its id. */
    protected static long user(String name) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        E2eHttp.Result r = admin().postJson("/users", Map.of("username", unique, "email", unique + "@example.com"));
        assertEquals(201, r.status(), r.body());
        return r.json().path("id").asLong();
    }

    /** A new raw API key of {@code scope} (linked to {@code userId}, or none when null). */
    protected static String key(String scope, Long userId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", scope + "-key");
        body.put("scope", scope);
        if (userId != null) {
            body.put("user_id", userId);
        }
        E2eHttp.Result r = admin().postJson("/apikeys", body);
        assertEquals(201, r.status(), r.body());
        return r.json().path("key").asText();
    }

    /** A gateway client with a raw key. */
    protected static E2eHttp as(String rawKey) {
        return gateway().withApiKey(rawKey);
    }

    /** The audit actor of a raw key: {@code apikey:<prefix>} (spec rules.md#audit). */
    protected static String actor(String rawKey) {
        return "apikey:" + rawKey.substring(0, rawKey.indexOf('.'));
    }

    /**
     * POSTs until spend-service knows the users involved (they reach it through identity events): retried while the
     * answer is 404 USER_NOT_FOUND.
     */
    protected static E2eHttp.Result once(E2eHttp client, String path, Object body, String... headers) {
        return Poll.poll(EVENTUALLY, () -> client.postJson(path, body, headers),
                r -> !(r.status() == 404 && "USER_NOT_FOUND".equals(code(r))));
    }

    /** The error code of an answer, or null. */
    protected static String code(E2eHttp.Result r) {
        return r.json().path("error").path("code").asText(null);
    }

    /** Asserts status and error code. */
    protected static void assertError(int status, String code, E2eHttp.Result r) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, code(r), r.body());
    }

}
