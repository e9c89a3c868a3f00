package com.kobatela.payment.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.payment.domain.PaymentSources;
import com.kobatela.payment.domain.PaymentStatus;
import com.kobatela.payment.domain.PayoutRejections;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Steps 7–10 of spec {@code rules.md#psp-webhook} for a verified webhook, in one transaction: the replay guard (the
 * event id seen within {@code kobatela.psp.webhook.replay-window}, 300 s, in the database, so every instance answers
 * alike: 401 {@code WEBHOOK_REPLAY}); the event is stored (an existing (provider, event_id): 409 {@code WEBHOOK_REPLAY});
 * then acted on once:
 * <ul>
 * <li>{@code payment.settled} / {@code payment_succeeded}: the payment found by {@code psp_ref} is settled (source
 * {@code psp_webhook}); unknown reference → stored only (applied later if our recording of the PSP's acceptance is
 * still to come, {@link StoredWebhookOutcomes}); a payment in ERROR stays ERROR with alert
 * {@code PAYMENT_SETTLED_AFTER_FAILURE};</li>
 * <li>{@code payment.failed} / {@code payment_failed}: ERROR ({@code PSP_FAILED}, audit {@code PAYMENT_FAILED} by
 * {@code psp}, {@code payment.failed.v1}); a SETTLED payment stays SETTLED with alert
 * {@code PAYMENT_FAILED_AFTER_SETTLEMENT} (FIX) and no event;</li>
 * <li>any other kind (e.g. {@code test.ping}) → stored only.</li>
 * </ul>
 * {@code processed_at} and the outcome are recorded on the stored event.
 */
@ApplicationScoped
public class WebhookProcessor {

    /**
     * The answer of an accepted webhook.
     *
     * @param eventId     the event id
     * @param processedAt when processing finished (UTC)
     * @param outcome     what processing did
     */
    public record Processed(String eventId, OffsetDateTime processedAt, String outcome) {
    }

    @Inject
    Transactions transactions;

    @Inject
    PaymentTransitions transitions;

    @Inject
    PaymentAlerts alerts;

    @ConfigProperty(name = "kobatela.psp.webhook.replay-window", defaultValue = "300s")
    Duration replayWindow;

    /**
     * Stores and processes a verified webhook.
     *
     * @param signedWith {@code primary} or {@code next}
     * @throws com.kobatela.kernel.error.ApiException 401 / 409 {@code WEBHOOK_REPLAY}
     */
    public Uni<Processed> process(WebhookEnvelope w, String signedWith) {
        AfterCommit after = new AfterCommit();
        return transactions.inTransaction(() -> seenRecently(w.eventId())
                .chain(recent -> recent ? Uni.createFrom().failure(WebhookErrors.recentReplay()) : insert(w, signedWith))
                .chain(inserted -> inserted ? act(w, after)
                        : seenRecently(w.eventId()).chain(recent -> Uni.createFrom().failure(
                                recent ? WebhookErrors.recentReplay() : WebhookErrors.storedReplay())))
                .chain(outcome -> finish(w, outcome)))
                .invoke(after::run);
    }

    private Uni<Boolean> seenRecently(String eventId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select count(*) from psp_webhook_events where event_id = :id"
                + " and received_at > now() - :windowMs * interval '1 millisecond'", Long.class)
                .setParameter("id", eventId)
                .setParameter("windowMs", (double) replayWindow.toMillis())
                .getSingleResult())
                .map(n -> n > 0);
    }

    /** Inserts the event; false when (provider, event_id) exists (a concurrent duplicate waits for the first to commit). */
    private Uni<Boolean> insert(WebhookEnvelope w, String signedWith) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into psp_webhook_events"
                + " (provider, event_id, received_at, psp_ref, kind, raw_json, signed_with)"
                + " values (:provider, :event, now(), :ref, :kind, cast(cast(:raw as text) as jsonb), :signed)"
                + " on conflict (provider, event_id) do nothing")
                .setParameter("provider", w.provider())
                .setParameter("event", w.eventId())
                .setParameter("ref", w.pspRef())
                .setParameter("kind", w.kind())
                .setParameter("raw", w.rawJson())
                .setParameter("signed", signedWith)
                .executeUpdate())
                .map(n -> n == 1);
    }

    private Uni<String> act(WebhookEnvelope w, AfterCommit after) {
        boolean settled = WebhookKinds.SETTLED.contains(w.kind());
        boolean failed = WebhookKinds.FAILED.contains(w.kind());
        if (!settled && !failed) {
            return Uni.createFrom().item(WebhookKinds.TEST_PING.equals(w.kind()) ? "TEST_PING" : "STORED");
        }
        if (w.pspRef() == null) {
            return Uni.createFrom().item("NO_PSP_REF");
        }
        return transitions.lockPspRef(w.pspRef())
                .chain(() -> Panache.getSession().chain(s -> s
                        .createSelectionQuery("select p.id from Payment p where p.pspRef = :ref", Long.class)
                        .setParameter("ref", w.pspRef()).getSingleResultOrNull()))
                .chain(id -> id == null ? Uni.createFrom().item("NO_PAYMENT")
                        : transitions.lock(id).chain(l -> settled ? settle(l, w, after) : fail(l, w, after)));
    }

    private Uni<String> settle(PaymentTransitions.Locked l, WebhookEnvelope w, AfterCommit after) {
        PaymentStatus status = l.payment().status;
        if (status == PaymentStatus.SETTLED) {
            return Uni.createFrom().item("ALREADY_SETTLED");
        }
        if (status == PaymentStatus.ERROR) {
            return alerts.raise(PaymentAlerts.SETTLED_AFTER_FAILURE, l.payment(), Actor.named(Actor.PSP, null), details(w), after)
                    .replaceWith("ALERT_SETTLED_AFTER_FAILURE");
        }
        if (status != PaymentStatus.SENT) {
            return Uni.createFrom().item("IGNORED_" + status.name());
        }
        return transitions.settle(l, PaymentSources.PSP_WEBHOOK, details(w), Actor.named(PaymentSources.PSP_WEBHOOK, null), after)
                .replaceWith("SETTLED");
    }

    private Uni<String> fail(PaymentTransitions.Locked l, WebhookEnvelope w, AfterCommit after) {
        PaymentStatus status = l.payment().status;
        if (status == PaymentStatus.ERROR) {
            return Uni.createFrom().item("ALREADY_FAILED");
        }
        if (status == PaymentStatus.SETTLED) {
            return alerts.raise(PaymentAlerts.FAILED_AFTER_SETTLEMENT, l.payment(), Actor.named(Actor.PSP, null), details(w), after)
                    .replaceWith("ALERT_FAILED_AFTER_SETTLEMENT");
        }
        Map<String, Object> extra = details(w);
        extra.put("external_error", w.failureCode());
        return transitions.fail(l, PayoutRejections.PSP_FAILED, Actor.named(Actor.PSP, null), extra, after).replaceWith("FAILED");
    }

    /** The settlement extra of spec {@code rules.md#psp-webhook} 9. */
    private static Map<String, Object> details(WebhookEnvelope w) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("psp_ref", w.pspRef());
        extra.put("provider", w.provider());
        extra.put("event_id", w.eventId());
        extra.put("psp_event_id", w.eventId());
        extra.put("psp_status", w.kind());
        return extra;
    }

    private Uni<Processed> finish(WebhookEnvelope w, String outcome) {
        OffsetDateTime now = PaymentClock.now();
        return Panache.getSession().chain(s -> s.createNativeQuery("update psp_webhook_events set processed_at = :at, outcome = :outcome"
                + " where provider = :provider and event_id = :event")
                .setParameter("at", now)
                .setParameter("outcome", outcome)
                .setParameter("provider", w.provider())
                .setParameter("event", w.eventId())
                .executeUpdate())
                .map(n -> new Processed(w.eventId(), now.withOffsetSameInstant(ZoneOffset.UTC), outcome));
    }
}
