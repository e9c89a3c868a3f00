package com.kobatela.local.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny JSON HTTP client for end-to-end tests, around {@link HttpClient}. Immutable: the
 * {@code with...} methods return a copy with extra default headers.
 *
 * <pre>{@code
 * E2eHttp.Result r = admin.postJson("/users", Map.of("email", "a@b.c"), "Idempotency-Key", "k1");
 * assertEquals(201, r.status());
 * String id = r.json().path("id").asText();
 * }</pre>
 */
public final class E2eHttp {

    /** Shared Jackson mapper. */
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * A response.
     *
     * @param status  HTTP status
     * @param json    parsed body, {@link MissingNode} when the body is empty or not JSON
     * @param body    raw body
     * @param headers response headers
     */
    public record Result(int status, JsonNode json, String body, HttpHeaders headers) {

        /** The first value of a response header, or {@code null}. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final String baseUrl;
    private final Map<String, String> defaultHeaders;
    private final Duration timeout;

    /** A client for {@code baseUrl} (e.g. the gateway URL) without default headers. */
    public E2eHttp(String baseUrl) {
        this(baseUrl, Map.of(), Duration.ofSeconds(30));
    }

    private E2eHttp(String baseUrl, Map<String, String> defaultHeaders, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
        this.timeout = timeout;
    }

    /** A copy that sends this header on every request. */
    public E2eHttp withHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
        headers.put(name, value);
        return new E2eHttp(baseUrl, headers, timeout);
    }

    /** A copy that authenticates with {@code X-API-Key}. */
    public E2eHttp withApiKey(String apiKey) {
        return withHeader("X-API-Key", apiKey);
    }

    /** A copy with another request timeout (default 30 s). */
    public E2eHttp withTimeout(Duration requestTimeout) {
        return new E2eHttp(baseUrl, defaultHeaders, requestTimeout);
    }

    /** The base URL. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * GET.
     *
     * @param path    path (appended to the base URL) or absolute URL
     * @param headers extra headers as name, value pairs
     */
    public Result get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /**
     * POST a JSON body.
     *
     * @param body    a {@code String} sent as is, or any object serialised by Jackson ({@code Map},
     *                {@code JsonNode}, record...); {@code null} for no body
     * @param headers extra headers as name, value pairs
     */
    public Result postJson(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    /** PUT a JSON body. */
    public Result putJson(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    /** PATCH a JSON body. */
    public Result patchJson(String path, Object body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    /** DELETE. */
    public Result delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** Any method; {@code body} as for {@link #postJson}. */
    public Result send(String method, String path, Object body, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers must be name, value pairs");
        }
        URI uri = URI.create(path.startsWith("http://") || path.startsWith("https://") ? path : baseUrl + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(toJson(body)));
        }
        defaultHeaders.forEach(request::header);
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), parse(response.body()), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + uri, e);
        }
    }

    private static String toJson(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + body, e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
