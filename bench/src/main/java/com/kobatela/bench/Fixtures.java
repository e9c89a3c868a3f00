package com.kobatela.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Provisions the callers of a run through the gateway, as a partner would: for each of {@code senders} rows a
 * client user, a provider user and a sender API key linked to the client; plus one admin and one support key.
 * Writes them as the Gatling feeder CSV.
 */
final class Fixtures {

    /** Columns of the feeder CSV. */
    static final String CSV_HEADER = "sender_key,api_key_id,prefix,client_id,provider_id";

    /** One provisioned sender. */
    record Sender(String key, long apiKeyId, String prefix, long clientId, long providerId) {
        String csv() {
            return key + "," + apiKeyId + "," + prefix + "," + clientId + "," + providerId;
        }
    }

    final List<Sender> senders;
    final String adminKey;
    final String supportKey;
    final Path csv;

    private Fixtures(List<Sender> senders, String adminKey, String supportKey, Path csv) {
        this.senders = senders;
        this.adminKey = adminKey;
        this.supportKey = supportKey;
        this.csv = csv;
    }

    /**
     * Creates the fixtures and waits until escrow-service knows the users (they reach it through Kafka).
     *
     * @param gateway   gateway client
     * @param adminKey  an admin API key
     * @param senders   how many sender rows
     * @param dir       where the CSV goes
     */
    static Fixtures provision(GatewayClient gateway, String adminKey, int senders, Path dir) throws IOException, InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Sender> rows = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            long client = user(gateway, adminKey, "bench-" + run + "-c" + i);
            long provider = user(gateway, adminKey, "bench-" + run + "-p" + i);
            JsonNode key = key(gateway, adminKey, "sender", client);
            String raw = key.path("key").asText();
            rows.add(new Sender(raw, key.path("id").asLong(), raw.substring(0, raw.indexOf('.')), client, provider));
        }
        String support = key(gateway, adminKey, "support", null).path("key").asText();
        String admin = key(gateway, adminKey, "admin", null).path("key").asText();
        Files.createDirectories(dir);
        Path csv = dir.resolve("senders-" + run + ".csv");
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        rows.forEach(r -> sb.append(r.csv()).append('\n'));
        Files.writeString(csv, sb, StandardCharsets.UTF_8);
        awaitUsersKnown(gateway, rows.get(rows.size() - 1));
        return new Fixtures(List.copyOf(rows), admin, support, csv);
    }

    /** A certified merchant for the purchase flow (created with the support key); returns its id. */
    static long certifiedMerchant(GatewayClient gateway, String supportKey) throws IOException, InterruptedException {
        String name = "bench-merchant-" + UUID.randomUUID().toString().substring(0, 8);
        return GatewayClient.expect(gateway.post("/spend/merchants", supportKey, Map.of("name", name, "is_certified", true), Map.of()), 201,
                "create merchant").path("id").asLong();
    }

    /**
     * Waits until spend-service knows the users (identity events): a 1.00 mandate for the last pair, polled until
     * created, then consumed by a 1.00 purchase so that the pair is free again for the purchase flow.
     */
    static void awaitSpendKnows(GatewayClient gateway, Sender last, long merchant) throws IOException, InterruptedException {
        Map<String, Object> mandate = Map.of("sender_id", last.clientId(), "beneficiary_id", last.providerId(), "total_amount", "1.00",
                "currency", "USD", "expires_at", java.time.Instant.now().plus(Duration.ofDays(1)).toString());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        GatewayClient.Answer a;
        while ((a = gateway.post("/mandates", last.key(), mandate, Map.of())).status() != 201) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("users never reached spend-service: " + a.status() + " " + a.body());
            }
            Thread.sleep(100);
        }
        GatewayClient.expect(gateway.post("/spend/purchases", last.key(), Map.of("sender_id", last.clientId(), "beneficiary_id",
                last.providerId(), "merchant_id", merchant, "amount", "1.00", "currency", "USD"),
                Map.of("Idempotency-Key", "bench-warmup-" + UUID.randomUUID())), 201, "consume the warm-up mandate");
    }

    private static long user(GatewayClient gateway, String adminKey, String name) throws IOException, InterruptedException {
        return GatewayClient.expect(gateway.post("/users", adminKey, Map.of("username", name, "email", name + "@bench.example"),
                Map.of()), 201, "create user").path("id").asLong();
    }

    private static JsonNode key(GatewayClient gateway, String adminKey, String scope, Long userId) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "bench-" + scope);
        body.put("scope", scope);
        if (userId != null) {
            body.put("user_id", userId);
        }
        return GatewayClient.expect(gateway.post("/apikeys", adminKey, body, Map.of()), 201, "create API key");
    }

    /** Polls an escrow creation with the last sender until escrow-service has the users (≤ 30 s). */
    private static void awaitUsersKnown(GatewayClient gateway, Sender last) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            GatewayClient.Answer a = gateway.post("/escrows", last.key(), Flows.escrowBody(last.clientId(), last.providerId()), Map.of());
            if (a.status() == 201) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("users never reached escrow-service: " + a.status() + " " + a.body());
            }
            Thread.sleep(100);
        }
    }
}
