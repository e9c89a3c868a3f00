package com.kobatela.psp.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.logging.Logger;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * HTTP API of the sandbox. The PSP side, as payment-service calls it:
 * <ul>
 * <li>{@code POST /payouts} {@code {idempotency_key, amount, currency, beneficiary}} (the key may also come in the
 * {@code Idempotency-Key} header): idempotent per key, 200 {@code {psp_ref, status, idempotency_key, amount, currency}}
 * with {@code Idempotent-Replayed: true} on a replay; 409 {@code IDEMPOTENCY_KEY_REUSED} for the same key with another
 * amount, currency or beneficiary; 400 {@code VALIDATION_ERROR}; then as the mode says (502 {@code PSP_UNAVAILABLE},
 * 422 {@code PAYOUT_REJECTED}, 504 after the hang duration, or a late answer);</li>
 * <li>{@code GET /payouts/{psp_ref}}, {@code GET /payouts?idempotency_key=...}: 200 payout or 404 {@code PAYOUT_NOT_FOUND}.</li>
 * </ul>
 * The control side (tests, operators; no real PSP has it): {@code POST|GET /sandbox/mode}, {@code POST|GET /sandbox/webhooks},
 * {@code POST /sandbox/payouts/{psp_ref}/settle|fail}, {@code POST /sandbox/events}, {@code GET /sandbox/deliveries},
 * {@code GET /sandbox/stats}, {@code POST /sandbox/reset}. Errors use the platform's error body.
 */
final class SandboxRoutes {

    private static final Logger LOG = Logger.getLogger(SandboxRoutes.class.getName());
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final String JSON = "application/json";

    private final PspSandbox sandbox;

    SandboxRoutes(PspSandbox sandbox) {
        this.sandbox = sandbox;
    }

    void install(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
        router.post("/payouts").handler(body).handler(this::createPayout);
        router.get("/payouts/:pspRef").handler(this::getPayout);
        router.get("/payouts").handler(this::findPayout);
        router.post("/sandbox/mode").handler(body).handler(this::setMode);
        router.get("/sandbox/mode").handler(ctx -> ok(ctx, modeView()));
        router.post("/sandbox/webhooks").handler(body).handler(this::setWebhooks);
        router.get("/sandbox/webhooks").handler(ctx -> ok(ctx, webhooksView()));
        router.post("/sandbox/payouts/:pspRef/settle").handler(body).handler(ctx -> reportOutcome(ctx, true));
        router.post("/sandbox/payouts/:pspRef/fail").handler(body).handler(ctx -> reportOutcome(ctx, false));
        router.post("/sandbox/events").handler(body).handler(this::sendEvent);
        router.get("/sandbox/deliveries").handler(this::deliveries);
        router.get("/sandbox/deliveries/:eventId").handler(this::delivery);
        router.get("/sandbox/stats").handler(ctx -> ok(ctx, stats()));
        router.post("/sandbox/reset").handler(ctx -> {
            sandbox.reset();
            ok(ctx, modeView());
        });
    }

    private void createPayout(RoutingContext ctx) {
        sandbox.payouts().countCall();
        JsonObject body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        String key = idempotencyKey(ctx, body);
        BigDecimal amount = amount(body.getValue("amount"));
        String currency = body.getValue("currency") instanceof String c ? c : null;
        String beneficiary = body.getValue("beneficiary") instanceof String b ? b : null;
        if (key == null) {
            error(ctx, 400, "VALIDATION_ERROR", "idempotency_key is required (body or Idempotency-Key header, the same if both)",
                    "idempotency_key");
            return;
        }
        if (amount == null) {
            error(ctx, 400, "VALIDATION_ERROR", "amount must be a positive decimal", "amount");
            return;
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            error(ctx, 400, "VALIDATION_ERROR", "currency must be 3 upper-case letters", "currency");
            return;
        }
        if (beneficiary == null || beneficiary.isBlank()) {
            error(ctx, 400, "VALIDATION_ERROR", "beneficiary is required", "beneficiary");
            return;
        }
        Behaviour.Setting setting = sandbox.behaviour().current();
        if (setting.mode() == Behaviour.Mode.FAIL) {
            LOG.info("fail mode: payout " + key + " refused with 502");
            error(ctx, 502, "PSP_UNAVAILABLE", "PSP sandbox is in fail mode", null);
            return;
        }
        if (setting.mode() == Behaviour.Mode.REJECT && sandbox.payouts().findByKey(key).isEmpty()) {
            LOG.info("reject mode: payout " + key + " refused with 422");
            error(ctx, 422, "PAYOUT_REJECTED", "beneficiary account cannot receive payouts", "beneficiary");
            return;
        }
        PayoutBook.Accepted accepted = sandbox.payouts().acceptOnce(key, amount, currency, beneficiary);
        Payout payout = accepted.payout();
        if (!payout.sameAs(amount, currency, beneficiary)) {
            error(ctx, 409, "IDEMPOTENCY_KEY_REUSED", "idempotency_key already used for a different payout", "idempotency_key");
            return;
        }
        JsonObject answer = new JsonObject().put("psp_ref", payout.pspRef()).put("status", payout.status())
                .put("idempotency_key", key).put("amount", payout.amount().toPlainString()).put("currency", payout.currency());
        if (accepted.fresh()) {
            WebhookSettings w = sandbox.webhookSettings();
            if (w.outcome() != WebhookSettings.Outcome.NONE) {
                sandbox.report(payout, w.outcome() == WebhookSettings.Outcome.SETTLED, null, w.delay());
            }
        }
        ctx.response().putHeader("Idempotent-Replayed", String.valueOf(!accepted.fresh()));
        switch (setting.mode()) {
            case HANG -> {
                LOG.info("hang mode: payout " + key + " recorded, answer held for " + sandbox.hangDuration());
                later(ctx, sandbox.hangDuration(), () -> error(ctx, 504, "PSP_TIMEOUT", "PSP sandbox is in hang mode", null));
            }
            case SLOW -> later(ctx, setting.delay(), () -> ok(ctx, answer));
            default -> ok(ctx, answer);
        }
    }

    private static String idempotencyKey(RoutingContext ctx, JsonObject body) {
        String header = ctx.request().getHeader("Idempotency-Key");
        String field = body.getValue("idempotency_key") instanceof String s ? s : null;
        header = header == null || header.isBlank() ? null : header.strip();
        field = field == null || field.isBlank() ? null : field.strip();
        if (header != null && field != null && !header.equals(field)) {
            return null;
        }
        return header != null ? header : field;
    }

    private static BigDecimal amount(Object value) {
        try {
            BigDecimal amount = value instanceof Number n ? new BigDecimal(n.toString())
                    : value instanceof String s ? new BigDecimal(s.trim()) : null;
            if (amount == null || amount.precision() - amount.scale() > 16) {
                return null;
            }
            amount = amount.setScale(2, RoundingMode.HALF_UP);
            return amount.signum() > 0 ? amount : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void getPayout(RoutingContext ctx) {
        sandbox.payouts().find(ctx.pathParam("pspRef")).ifPresentOrElse(p -> ok(ctx, p.toJson()),
                () -> error(ctx, 404, "PAYOUT_NOT_FOUND", "unknown psp_ref", "psp_ref"));
    }

    private void findPayout(RoutingContext ctx) {
        String key = ctx.queryParams().get("idempotency_key");
        if (key == null || key.isBlank()) {
            error(ctx, 400, "VALIDATION_ERROR", "query parameter idempotency_key is required", "idempotency_key");
            return;
        }
        sandbox.payouts().findByKey(key).ifPresentOrElse(p -> ok(ctx, p.toJson()),
                () -> error(ctx, 404, "PAYOUT_NOT_FOUND", "no payout for this idempotency_key", "idempotency_key"));
    }

    private void setMode(RoutingContext ctx) {
        JsonObject body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        Behaviour.Mode mode;
        try {
            mode = Behaviour.Mode.parse(body.getString("mode"));
        } catch (RuntimeException e) {
            error(ctx, 400, "VALIDATION_ERROR", "mode must be ok, fail, reject, hang or slow", "mode");
            return;
        }
        Long delayMs = longField(ctx, body, "delay_ms");
        if (delayMs == null) {
            return;
        }
        sandbox.behaviour().set(new Behaviour.Setting(mode, Duration.ofMillis(delayMs)));
        LOG.info("mode set to " + mode.wire() + " (delay " + delayMs + " ms)");
        ok(ctx, modeView());
    }

    private JsonObject modeView() {
        Behaviour.Setting s = sandbox.behaviour().current();
        return new JsonObject().put("mode", s.mode().wire()).put("delay_ms", s.delay().toMillis());
    }

    private void setWebhooks(RoutingContext ctx) {
        JsonObject body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        WebhookSettings w = sandbox.webhookSettings();
        try {
            if (body.containsKey("outcome")) {
                w = w.withOutcome(WebhookSettings.Outcome.parse(body.getString("outcome")));
            }
        } catch (RuntimeException e) {
            error(ctx, 400, "VALIDATION_ERROR", "outcome must be settled, failed or none", "outcome");
            return;
        }
        if (body.containsKey("delay_ms")) {
            Long delay = longField(ctx, body, "delay_ms");
            if (delay == null) {
                return;
            }
            w = w.withDelay(Duration.ofMillis(delay));
        }
        if (body.containsKey("target_url")) {
            w = w.withTargetUrl(body.getValue("target_url") instanceof String s ? s : null);
        }
        if (body.containsKey("secret")) {
            w = w.withSecret(body.getValue("secret") instanceof String s ? s : null);
        }
        if (body.containsKey("max_attempts") || body.containsKey("retry_backoff_ms")) {
            Long attempts = body.containsKey("max_attempts") ? longField(ctx, body, "max_attempts") : Long.valueOf(w.maxAttempts());
            Long backoff = body.containsKey("retry_backoff_ms") ? longField(ctx, body, "retry_backoff_ms") : Long.valueOf(w.retryBackoff().toMillis());
            if (attempts == null || backoff == null) {
                return;
            }
            if (attempts < 1 || attempts > 100) {
                error(ctx, 400, "VALIDATION_ERROR", "max_attempts must be between 1 and 100", "max_attempts");
                return;
            }
            w = w.withRetries(attempts.intValue(), Duration.ofMillis(backoff));
        }
        sandbox.webhookSettings(w);
        LOG.info("webhooks: outcome " + w.outcome().wire() + ", delay " + w.delay().toMillis() + " ms, target " + w.targetUrl()
                + (w.secret() == null || w.secret().isBlank() ? ", no secret" : ", secret " + WebhookSigner.fingerprint(w.secret())));
        ok(ctx, webhooksView());
    }

    private JsonObject webhooksView() {
        WebhookSettings w = sandbox.webhookSettings();
        return new JsonObject()
                .put("enabled", w.enabled())
                .put("outcome", w.outcome().wire())
                .put("delay_ms", w.delay().toMillis())
                .put("target_url", w.targetUrl())
                .put("secret_fingerprint", w.secret() == null || w.secret().isBlank() ? null : WebhookSigner.fingerprint(w.secret()))
                .put("max_attempts", w.maxAttempts())
                .put("retry_backoff_ms", w.retryBackoff().toMillis());
    }

    private void reportOutcome(RoutingContext ctx, boolean settled) {
        JsonObject body = ctx.body().isEmpty() ? new JsonObject() : jsonBody(ctx);
        if (body == null) {
            return;
        }
        var payout = sandbox.payouts().find(ctx.pathParam("pspRef"));
        if (payout.isEmpty()) {
            error(ctx, 404, "PAYOUT_NOT_FOUND", "unknown psp_ref", "psp_ref");
            return;
        }
        String eventId = body.getValue("event_id") instanceof String s && !s.isBlank() ? s : null;
        Delivery d = sandbox.report(payout.get(), settled, eventId, Duration.ZERO);
        respond(ctx, 202, new JsonObject().put("event_id", d.eventId()).put("type", d.type()));
    }

    private void sendEvent(RoutingContext ctx) {
        JsonObject body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        if (!(body.getValue("type") instanceof String type) || type.isBlank()) {
            error(ctx, 400, "VALIDATION_ERROR", "type is required, e.g. test.ping", "type");
            return;
        }
        JsonObject event = new JsonObject();
        if (body.getValue("data") instanceof JsonObject data) {
            event.mergeIn(data);
        }
        event.put("event_id", body.getValue("event_id") instanceof String id && !id.isBlank() ? id : WebhookSender.newEventId());
        event.put("type", type);
        if (body.getValue("psp_ref") instanceof String ref) {
            event.put("psp_ref", ref);
        }
        event.put("created_at", java.time.Instant.now().toString());
        Delivery d = sandbox.webhooks().send(event, Duration.ZERO);
        respond(ctx, 202, new JsonObject().put("event_id", d.eventId()).put("type", d.type()));
    }

    private void deliveries(RoutingContext ctx) {
        JsonArray list = new JsonArray();
        sandbox.webhooks().deliveries().forEach(d -> list.add(d.toJson()));
        respond(ctx, 200, list.encode());
    }

    private void delivery(RoutingContext ctx) {
        Delivery d = sandbox.webhooks().find(ctx.pathParam("eventId"));
        if (d == null) {
            error(ctx, 404, "DELIVERY_NOT_FOUND", "unknown event_id", "event_id");
        } else {
            ok(ctx, d.toJson());
        }
    }

    private JsonObject stats() {
        Map<Delivery.State, Long> byState = new java.util.EnumMap<>(Delivery.State.class);
        for (Delivery d : sandbox.webhooks().deliveries()) {
            byState.merge(d.state(), 1L, Long::sum);
        }
        return new JsonObject()
                .put("payout_calls", sandbox.payouts().calls())
                .put("payouts", sandbox.payouts().size())
                .put("webhooks_pending", byState.getOrDefault(Delivery.State.PENDING, 0L))
                .put("webhooks_delivered", byState.getOrDefault(Delivery.State.DELIVERED, 0L))
                .put("webhooks_given_up", byState.getOrDefault(Delivery.State.GAVE_UP, 0L));
    }

    /** The JSON object body, or null after answering 400. */
    private static JsonObject jsonBody(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null) {
                return body;
            }
        } catch (DecodeException | ClassCastException e) {
            // answered below
        }
        error(ctx, 400, "VALIDATION_ERROR", "a JSON object body is required", null);
        return null;
    }

    /** A non-negative whole number field (0 when absent), or null after answering 400. */
    private static Long longField(RoutingContext ctx, JsonObject body, String name) {
        Object v = body.getValue(name);
        if (v == null) {
            return 0L;
        }
        if (v instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() >= 0) {
            return n.longValue();
        }
        error(ctx, 400, "VALIDATION_ERROR", name + " must be a non-negative whole number", name);
        return null;
    }

    private void later(RoutingContext ctx, Duration delay, Runnable answer) {
        if (delay.isZero()) {
            answer.run();
            return;
        }
        sandbox.vertx().setTimer(delay.toMillis(), t -> {
            if (!ctx.response().closed() && !ctx.response().ended()) {
                answer.run();
            }
        });
    }

    private static void ok(RoutingContext ctx, JsonObject body) {
        respond(ctx, 200, body);
    }

    private static void respond(RoutingContext ctx, int status, JsonObject body) {
        respond(ctx, status, body.encode());
    }

    private static void respond(RoutingContext ctx, int status, String json) {
        HttpServerResponse r = ctx.response();
        if (r.closed() || r.ended()) {
            return;
        }
        r.setStatusCode(status).putHeader("Content-Type", JSON).end(json);
    }

    private static void error(RoutingContext ctx, int status, String code, String message, String field) {
        JsonObject error = new JsonObject().put("code", code).put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        respond(ctx, status, new JsonObject().put("error", error));
    }
}
