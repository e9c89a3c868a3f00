package com.kobatela.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A tiny upstream HTTP server (its own Vert.x) that answers every request with 201 and a JSON echo of what it
 * received: {@code method}, {@code uri}, {@code headers} (name → list of values, lower-case names) and
 * {@code body_base64}; it adds {@code X-Upstream: fake} and {@code Connection: keep-alive}. A path containing
 * {@code /hang} is never answered. Used as escrow-service and payment-service; spend-service points at a port
 * nobody listens on.
 */
public class FakeUpstreamResource implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (req.path().contains("/hang")) {
                return;
            }
            JsonObject headers = new JsonObject();
            req.headers().forEach(h -> {
                String name = h.getKey().toLowerCase();
                JsonArray values = headers.getJsonArray(name, new JsonArray());
                values.add(h.getValue());
                headers.put(name, values);
            });
            JsonObject echo = new JsonObject()
                    .put("method", req.method().name())
                    .put("uri", req.uri())
                    .put("headers", headers)
                    .put("body_base64", Base64.getEncoder().encodeToString(body.getBytes()));
            req.response().setStatusCode(201)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Upstream", "fake")
                    .putHeader("Connection", "keep-alive")
                    .end(echo.encode());
        }));
        int port;
        try {
            port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("fake upstream did not start", e);
        }
        String url = "http://127.0.0.1:" + port;
        return Map.of(
                "kobatela.upstream.escrow.url", url,
                "kobatela.upstream.payment.url", url,
                "kobatela.upstream.proof.url", url,
                "kobatela.upstream.spend.url", "http://127.0.0.1:" + closedPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
