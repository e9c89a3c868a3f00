package com.kobatela.payment;

import java.util.Map;

import com.kobatela.psp.sandbox.PspSandbox;
import com.kobatela.psp.sandbox.SandboxSettings;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * Starts the PSP sandbox in-process (module {@code psp-sandbox-core}: plain Vert.x Web, no second Quarkus app, no
 * child process, no build order to respect) on a free port of 127.0.0.1, and points payment-service's PSP REST client
 * at it ({@code quarkus.rest-client.psp-sandbox.url}). Tests drive it over HTTP through {@link Psp} (the URL is in
 * {@code kobatela.test.psp-sandbox.url}), exactly as the local stack's sandbox is driven. Webhooks start disabled: a
 * test sets their target (this service's test port) and secret.
 */
public class PspSandboxTestResource implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private PspSandbox sandbox;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        sandbox = PspSandbox.create(vertx, SandboxSettings.defaults(null, null));
        int port = sandbox.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().join();
        String url = "http://127.0.0.1:" + port;
        return Map.of("quarkus.rest-client.psp-sandbox.url", url, "kobatela.test.psp-sandbox.url", url);
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
