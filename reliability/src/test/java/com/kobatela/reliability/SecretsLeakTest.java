package com.kobatela.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.kobatela.local.LocalStack;
import com.kobatela.local.Service;
import com.kobatela.local.e2e.E2eHttp;

/**
 * Family {@code secrets}: after the whole suite ran (and after this test's own successful, refused and forged calls), no
 * raw API key, webhook secret, API-key pepper, JWT signing key, internal JWT or personal e-mail address appears in any
 * process log of the stack, in any error body, or in any audit row of any service ({@code spec/rules.md#masking},
 * ARCHITECTURE §7).
 */
@Order(90)
class SecretsLeakTest {

    /** The start of a JWT's JOSE header ({@code {"alg":...}} in base64url): internal tokens must never be written anywhere. */
    private static final String JWT_MARKER = "eyJhbGciOi";

    @Test
    void noSecretOrPersonalDataLeaks() throws Exception {
        Family family = Family.of("secrets");
        LocalStack.Running stack = RelStack.get();
        Path keys = stack.options().keysDir();
        Sensitive.add(stack.adminKey());
        Sensitive.add(read(keys.resolve("psp-webhook-secret")));
        Sensitive.add(read(keys.resolve("secret-key")));
        String privateKey = read(keys.resolve("jwt-private.pem")).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        Sensitive.add(privateKey.substring(0, 64));

        List<String> bodies = exercise();
        List<String> secrets = new ArrayList<>(Sensitive.all());
        List<String> withSecretParts = new ArrayList<>(secrets);
        for (String s : secrets) {
            if (s.startsWith("koba_") && s.contains(".")) {
                withSecretParts.add(s.substring(s.indexOf('.') + 1));
            }
        }
        withSecretParts.add(JWT_MARKER);

        try (Stream<Path> logs = Files.list(stack.options().logDir())) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                for (String s : withSecretParts) {
                    family.check(!text.contains(s), "log " + log.getFileName() + " contains " + describe(s));
                }
            }
        }
        for (String body : bodies) {
            for (String s : withSecretParts) {
                family.check(!body.contains(s), "an error body contains " + describe(s) + ": " + body);
            }
        }
        for (Service service : List.of(Service.GATEWAY, Service.ESCROW, Service.SPEND, Service.PROOF, Service.PAYMENT)) {
            try (Connection c = RelStack.jdbc(service); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select actor || ' ' || data_json::text from audit_logs")) {
                while (rs.next()) {
                    String row = rs.getString(1);
                    for (String s : withSecretParts) {
                        family.check(!row.contains(s), service.id() + " audit row contains " + describe(s) + ": " + row);
                    }
                }
            }
        }
        assertTrue(secrets.size() >= 8, "secrets tracked: " + secrets.size());
        assertEquals(0, family.failures(), family.failureReport());
    }

    /** Calls that put secrets and personal data in play: creations, refusals, a forged key, a bad webhook. */
    private static List<String> exercise() {
        E2eHttp admin = RelStack.admin();
        List<String> bodies = new ArrayList<>();
        String name = "leak-" + UUID.randomUUID().toString().substring(0, 8);
        String email = Sensitive.add(name + "@pii.example.org");
        E2eHttp.Result user = admin.postJson("/users", Map.of("username", name, "email", email));
        bodies.add(admin.postJson("/users", Map.of("username", name, "email", email)).body());
        String raw = Sensitive.add(admin.postJson("/apikeys", Map.of("name", "leak", "scope", "sender", "user_id", user.json().path("id").asLong()))
                .json().path("key").asText());
        E2eHttp sender = RelStack.gateway().withApiKey(raw);
        bodies.add(sender.get("/escrows/999999999").body());
        bodies.add(sender.postJson("/escrows", Map.of("client_id", "x")).body());
        String forged = Sensitive.add(raw.substring(0, raw.length() - 4) + "AAAA");
        bodies.add(RelStack.gateway().withApiKey(forged).get("/escrows/1").body());
        bodies.add(RelStack.gateway().withHeader("Authorization", "Bearer " + forged).get("/escrows/1").body());
        bodies.add(RelStack.gateway().postJson("/psp/webhook", "{\"type\":\"payment.settled\",\"event_id\":\"leak\"}", "X-PSP-Timestamp",
                String.valueOf(Instant.now().getEpochSecond()), "X-PSP-Signature", "deadbeef").body());
        return bodies;
    }

    private static String read(Path p) throws Exception {
        return Files.readString(p, StandardCharsets.US_ASCII).strip();
    }

    /** Names a secret without printing it. */
    private static String describe(String s) {
        return s.equals(JWT_MARKER) ? "a JWT" : "a secret (" + s.length() + " chars, starting " + s.substring(0, Math.min(4, s.length())) + "…)";
    }
}
