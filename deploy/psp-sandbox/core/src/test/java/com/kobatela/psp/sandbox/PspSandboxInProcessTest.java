package com.kobatela.psp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The core started in-process, as other modules' tests use it; and the signature against a known vector. */
class PspSandboxInProcessTest {

    private static Vertx vertx;
    private static PspSandbox sandbox;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        sandbox = PspSandbox.create(vertx, SandboxSettings.defaults(null, null));
        int port = sandbox.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().join();
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signatureMatchesTheSpecFormula() {
        // python: hmac.new(b'next-secret', b'1700000000.{"type":"payment.settled"}', hashlib.sha256).hexdigest()
        assertEquals("bfd56f9a5d4971a9e9229d4de723e432da2e4199e469630704c159383cdceb82",
                WebhookSigner.sign("next-secret", "1700000000", "{\"type\":\"payment.settled\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("sha256:f00c64fc", WebhookSigner.fingerprint("next-secret"));
    }

    @Test
    void acceptsPayoutsIdempotentlyWithoutWebhooksWhenNoSecret() throws Exception {
        String body = "{\"idempotency_key\":\"k-1\",\"amount\":10,\"currency\":\"USD\",\"beneficiary\":\"user:7\"}";
        HttpResponse<String> first = post("/payouts", body);
        HttpResponse<String> again = post("/payouts", body);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(new JsonObject(first.body()).getString("psp_ref"), new JsonObject(again.body()).getString("psp_ref"));
        assertEquals("10.00", new JsonObject(first.body()).getString("amount"));
        assertEquals(1, sandbox.payouts().size());
        assertEquals(2, sandbox.payouts().calls());
        assertTrue(sandbox.webhooks().deliveries().stream().allMatch(d -> d.state() == Delivery.State.GAVE_UP));
        assertEquals(200, post("/sandbox/reset", "").statusCode());
        assertEquals(0, sandbox.payouts().size());
    }
}
