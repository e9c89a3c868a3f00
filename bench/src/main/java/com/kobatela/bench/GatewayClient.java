package com.kobatela.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small JSON client for provisioning and for polling asynchronous results (not for the measured load, which
 * Gatling drives). Answers are returned whatever their status.
 */
final class GatewayClient {

    /** One answer: status and parsed JSON body (a missing node when the body is not JSON). */
    record Answer(int status, JsonNode json, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    GatewayClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Answer get(String path, String apiKey) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), apiKey, Map.of());
    }

    Answer post(String path, String apiKey, Object body, Map<String, String> headers) throws IOException, InterruptedException {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), apiKey, headers);
    }

    private Answer send(HttpRequest.Builder b, String apiKey, Map<String, String> headers) throws IOException, InterruptedException {
        b.timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node;
        try {
            node = r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            node = JSON.missingNode();
        }
        return new Answer(r.statusCode(), node, r.body());
    }

    /** Fails with the answer's body unless its status is {@code expected}. */
    static JsonNode expect(Answer a, int expected, String what) {
        if (a.status() != expected) {
            throw new IllegalStateException(what + ": expected " + expected + " but got " + a.status() + " " + a.body());
        }
        return a.json();
    }
}
