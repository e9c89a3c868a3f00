package com.kobatela.proof.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A small HTTP server for service tests: serves proof files ({@code /files/<name>}, optionally late) and plays an
 * OpenAI-compatible chat endpoint ({@code /v1/chat/completions}) whose answer is scripted per model. Gives the
 * service {@code kobatela.stub.url} and allows fetching from it.
 */
public class StubHttpServer implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();
    private static final Map<String, String> TYPES = new ConcurrentHashMap<>();
    private static final Map<String, Reply> REPLIES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final Map<String, String> LAST_BODY = new ConcurrentHashMap<>();
    private static final Map<String, String> LAST_AUTH = new ConcurrentHashMap<>();
    private static volatile String baseUrl;
    private HttpServer server;
    private ScheduledExecutorService later;

    /**
     * A scripted chat answer.
     *
     * @param status  HTTP status
     * @param content the model's message content (for 200)
     * @param delayMs how long to wait before answering
     */
    public record Reply(int status, String content, long delayMs) {
        /** A 200 answer with this content. */
        public static Reply ok(String content) {
            return new Reply(200, content, 0);
        }

        /** A 500 answer. */
        public static Reply failing() {
            return new Reply(500, null, 0);
        }
    }

    /** Publishes a file at {@code /files/<name>}; returns its URL. */
    public static String file(String name, byte[] bytes, String contentType) {
        FILES.put(name, bytes);
        TYPES.put(name, contentType);
        return baseUrl + "/files/" + name;
    }

    /** The URL of a file answered after {@code delayMs}. */
    public static String slowFile(String name, long delayMs) {
        return baseUrl + "/files/" + name + "?delay=" + delayMs;
    }

    /** Scripts the chat answer for a model. */
    public static void reply(String model, Reply reply) {
        REPLIES.put(model, reply);
    }

    /** Chat requests received for a model. */
    public static int calls(String model) {
        return CALLS.computeIfAbsent(model, k -> new AtomicInteger()).get();
    }

    /** The last chat request body for a model. */
    public static String lastBody(String model) {
        return LAST_BODY.get(model);
    }

    /** The last {@code Authorization} header for a model. */
    public static String lastAuthorization(String model) {
        return LAST_AUTH.get(model);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        later = Executors.newSingleThreadScheduledExecutor();
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/files/", this::files);
        server.createContext("/v1/chat/completions", this::chat);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("kobatela.stub.url", baseUrl,
                "kobatela.proof.fetch.allowed-hosts", "127.0.0.1",
                "kobatela.proof.fetch.allow-http", "true");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            later.shutdownNow();
        }
    }

    private void files(HttpExchange ex) throws IOException {
        String name = ex.getRequestURI().getPath().substring("/files/".length());
        String query = ex.getRequestURI().getQuery();
        byte[] body = FILES.get(name);
        if (body == null) {
            answer(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        long delay = query != null && query.startsWith("delay=") ? Long.parseLong(query.substring(6)) : 0;
        later.schedule(() -> answer(ex, 200, TYPES.get(name), body), delay, TimeUnit.MILLISECONDS);
    }

    private void chat(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode request = JSON.readTree(body);
        String model = request.path("model").asText();
        CALLS.computeIfAbsent(model, k -> new AtomicInteger()).incrementAndGet();
        LAST_BODY.put(model, body);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            LAST_AUTH.put(model, auth);
        }
        Reply reply = REPLIES.getOrDefault(model, Reply.failing());
        byte[] out;
        if (reply.status() == 200) {
            var answer = JSON.createObjectNode();
            answer.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", reply.content());
            out = JSON.writeValueAsBytes(answer);
        } else {
            out = "{\"error\":{\"message\":\"stub failure\"}}".getBytes(StandardCharsets.UTF_8);
        }
        later.schedule(() -> answer(ex, reply.status(), "application/json", out), reply.delayMs(), TimeUnit.MILLISECONDS);
    }

    private static void answer(HttpExchange ex, int status, String type, byte[] body) {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        } catch (IOException e) {
            // the client gave up (timeout test): nothing to do
        }
    }
}
