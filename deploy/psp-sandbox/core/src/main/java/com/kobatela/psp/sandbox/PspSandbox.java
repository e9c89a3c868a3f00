package com.kobatela.psp.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The PSP simulator: payout book, behaviour modes and signed webhooks, exposed by {@link SandboxRoutes} on any Vert.x
 * Web router. The {@code psp-sandbox} application mounts it on Quarkus's router; tests of other modules start it
 * in-process with {@link #listen(String, int)}:
 *
 * <pre>{@code
 * Vertx vertx = Vertx.vertx();
 * PspSandbox sandbox = PspSandbox.create(vertx, SandboxSettings.defaults(secret, "http://127.0.0.1:8084/psp/webhook"));
 * int port = sandbox.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().join();
 * }</pre>
 */
public final class PspSandbox implements AutoCloseable {

    private final Vertx vertx;
    private final SandboxSettings initial;
    private final AtomicReference<WebhookSettings> webhook;
    private final Behaviour behaviour = new Behaviour();
    private final PayoutBook book = new PayoutBook();
    private final WebhookSender sender;
    private volatile HttpServer server;

    private PspSandbox(Vertx vertx, SandboxSettings settings) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.initial = Objects.requireNonNull(settings, "settings");
        this.webhook = new AtomicReference<>(settings.webhook());
        this.sender = new WebhookSender(vertx, webhook::get);
    }

    /** A sandbox on this Vert.x instance (timers for hang/slow answers and webhook deliveries run on it). */
    public static PspSandbox create(Vertx vertx, SandboxSettings settings) {
        return new PspSandbox(vertx, settings);
    }

    /** Adds the sandbox routes ({@code /payouts*}, {@code /sandbox/*}) to a router. */
    public void install(Router router) {
        new SandboxRoutes(this).install(router);
    }

    /**
     * Starts a standalone HTTP server with the sandbox routes (in-process use, e.g. tests of payment-service).
     *
     * @param host interface to bind, e.g. {@code 127.0.0.1}
     * @param port port, 0 for a free one
     * @return the port actually bound
     */
    public Future<Integer> listen(String host, int port) {
        Router router = Router.router(vertx);
        install(router);
        return vertx.createHttpServer().requestHandler(router).listen(port, host).map(s -> {
            server = s;
            return s.actualPort();
        });
    }

    /** The payout book. */
    public PayoutBook payouts() {
        return book;
    }

    /** The payout answer mode. */
    public Behaviour behaviour() {
        return behaviour;
    }

    /** The webhook sender (deliveries). */
    public WebhookSender webhooks() {
        return sender;
    }

    /** The current webhook settings. */
    public WebhookSettings webhookSettings() {
        return webhook.get();
    }

    /** Replaces the webhook settings (rotation of the secret, another target, another outcome...). */
    public void webhookSettings(WebhookSettings settings) {
        webhook.set(Objects.requireNonNull(settings));
    }

    /** How long the hang mode holds an answer. */
    public Duration hangDuration() {
        return initial.hangDuration();
    }

    /** The Vert.x instance. */
    Vertx vertx() {
        return vertx;
    }

    /** Back to the start-up state: mode ok, start-up webhook settings, no payouts, no delivery history. */
    public void reset() {
        behaviour.reset();
        webhook.set(initial.webhook());
        book.clear();
        sender.clear();
    }

    /**
     * Reports the outcome of a payout by webhook ({@code payment.settled} or {@code payment.failed}) and records it on
     * the payout.
     *
     * @param payout  the payout
     * @param settled true for {@code payment.settled}, false for {@code payment.failed}
     * @param eventId the event id to use, or null for a new one
     * @param delay   pause before the first attempt
     * @return the delivery
     */
    public Delivery report(Payout payout, boolean settled, String eventId, Duration delay) {
        payout.outcome(settled ? Payout.SETTLED : Payout.FAILED);
        JsonObject body = new JsonObject()
                .put("event_id", eventId != null ? eventId : WebhookSender.newEventId())
                .put("type", settled ? "payment.settled" : "payment.failed")
                .put("psp_ref", payout.pspRef())
                .put("idempotency_key", payout.idempotencyKey())
                .put("amount", payout.amount().toPlainString())
                .put("currency", payout.currency())
                .put("created_at", Instant.now().toString());
        if (!settled) {
            body.put("failure_code", "BENEFICIARY_ACCOUNT_CLOSED");
        }
        return sender.send(body, delay);
    }

    /** Stops the standalone server (if any) and cancels pending webhook attempts. */
    @Override
    public void close() {
        sender.close();
        HttpServer s = server;
        if (s != null) {
            s.close();
        }
    }
}
