package com.kobatela.psp.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Sends signed PSP webhooks (spec {@code rules.md#psp-webhook}): {@code POST <target>} with the JSON body and the
 * headers {@code X-PSP-Signature}, {@code X-PSP-Timestamp} (Unix seconds), {@code X-PSP-Event-Id} and
 * {@code X-PSP-Ref}. Each attempt is signed afresh (new timestamp, same body and event id) with the secret current at
 * that moment, so a rotation applies to retries. A non-2xx answer or a network error is retried with a doubling pause
 * (capped at 60 s) up to the configured number of attempts; a {@code WEBHOOK_REPLAY} refusal (401 or 409) means the
 * receiver already has the event and counts as delivered.
 */
public final class WebhookSender implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final int KEPT_DELIVERIES = 1000;

    private final Vertx vertx;
    private final Supplier<WebhookSettings> settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Delivery> byEventId = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Delivery> recent = new ConcurrentLinkedDeque<>();
    private final Set<Long> timers = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;

    /**
     * @param vertx    the Vert.x instance whose timers schedule attempts
     * @param settings the current webhook settings, read at every attempt
     */
    public WebhookSender(Vertx vertx, Supplier<WebhookSettings> settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    /** A new event id ({@code evt_<uuid>}). */
    public static String newEventId() {
        return "evt_" + UUID.randomUUID();
    }

    /**
     * Schedules the delivery of one event.
     *
     * @param body  the JSON body; must hold {@code event_id} and {@code type}
     * @param delay pause before the first attempt
     * @return the delivery record (state {@code pending}); when webhooks are disabled (no secret or target) it is
     *         returned as given up at once
     */
    public Delivery send(JsonObject body, Duration delay) {
        String eventId = body.getString("event_id");
        Delivery d = new Delivery(eventId, body.getString("type"), body.getString("psp_ref"), generation.get());
        remember(d);
        if (!settings.get().enabled()) {
            d.answered(0, "webhooks disabled: no secret or no target URL", Delivery.State.GAVE_UP);
            LOG.warning("webhook " + eventId + " not sent: no secret or no target URL configured");
            return d;
        }
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        schedule(delay, () -> attempt(d, bytes));
        return d;
    }

    /** Deliveries, most recent first (the last 1000). */
    public List<Delivery> deliveries() {
        return new ArrayList<>(recent);
    }

    /** A delivery by event id, or null. */
    public Delivery find(String eventId) {
        return byEventId.get(eventId);
    }

    /** Cancels the pending attempts and forgets the delivery history. */
    public void clear() {
        generation.incrementAndGet();
        cancelTimers();
        byEventId.clear();
        recent.clear();
    }

    private void remember(Delivery d) {
        byEventId.put(d.eventId(), d);
        recent.addFirst(d);
        while (recent.size() > KEPT_DELIVERIES) {
            Delivery old = recent.pollLast();
            if (old != null) {
                byEventId.remove(old.eventId(), old);
            }
        }
    }

    private void attempt(Delivery d, byte[] body) {
        if (closed || d.generation() != generation.get()) {
            return;
        }
        WebhookSettings s = settings.get();
        int n = d.nextAttempt();
        if (!s.enabled()) {
            d.answered(0, "webhooks disabled", Delivery.State.GAVE_UP);
            return;
        }
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.targetUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-PSP-Timestamp", timestamp)
                .header("X-PSP-Signature", WebhookSigner.sign(s.secret(), timestamp, body))
                .header("X-PSP-Event-Id", d.eventId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (d.pspRef() != null) {
            request.header("X-PSP-Ref", d.pspRef());
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null) {
                failed(d, body, n, s, 0, error.toString());
            } else if (response.statusCode() / 100 == 2 || isReplay(response)) {
                d.answered(response.statusCode(), null, Delivery.State.DELIVERED);
            } else {
                failed(d, body, n, s, response.statusCode(), abbreviate(response.body()));
            }
        });
    }

    private void failed(Delivery d, byte[] body, int attempt, WebhookSettings s, int status, String error) {
        if (d.generation() != generation.get()) {
            return;
        }
        if (attempt >= s.maxAttempts() || closed) {
            d.answered(status, error, Delivery.State.GAVE_UP);
            LOG.warning("webhook " + d.eventId() + " given up after " + attempt + " attempts: " + status + " " + error);
            return;
        }
        d.answered(status, error, Delivery.State.PENDING);
        long pauseMs = Math.min(MAX_BACKOFF.toMillis(), s.retryBackoff().toMillis() << Math.min(attempt - 1, 16));
        LOG.log(Level.INFO, "webhook {0} attempt {1} failed ({2}), next in {3} ms", new Object[] {d.eventId(), attempt, status, pauseMs});
        schedule(Duration.ofMillis(pauseMs), () -> attempt(d, body));
    }

    private static boolean isReplay(HttpResponse<String> response) {
        if (response.statusCode() != 401 && response.statusCode() != 409) {
            return false;
        }
        try {
            JsonObject error = new JsonObject(response.body()).getJsonObject("error");
            return error != null && "WEBHOOK_REPLAY".equals(error.getString("code"));
        } catch (DecodeException | ClassCastException e) {
            return false;
        }
    }

    private void schedule(Duration delay, Runnable task) {
        if (closed) {
            return;
        }
        long ms = Math.max(1, delay.toMillis());
        long[] id = new long[1];
        id[0] = vertx.setTimer(ms, t -> {
            timers.remove(id[0]);
            task.run();
        });
        timers.add(id[0]);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return null;
        }
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Cancels the scheduled attempts. */
    @Override
    public void close() {
        closed = true;
        cancelTimers();
    }

    private void cancelTimers() {
        for (Long id : timers) {
            vertx.cancelTimer(id);
        }
        timers.clear();
    }
}
