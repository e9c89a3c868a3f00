package com.kobatela.payment.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.kobatela.payment.domain.PaymentSources;
import com.kobatela.payment.domain.PayoutRejections;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies a settlement or failure webhook that arrived before the payment was recorded SENT (its PSP reference was not
 * known yet, so the webhook was stored without effect): after a crash between the PSP's acceptance and our second
 * transaction, or when the PSP's webhook overtakes our own recording. Runs in the transaction that records SENT, under
 * the PSP reference's advisory lock, so either the webhook or this sees the other.
 */
@ApplicationScoped
public class StoredWebhookOutcomes {

    private static final Logger LOG = Logger.getLogger(StoredWebhookOutcomes.class);

    @Inject
    PaymentTransitions transitions;

    /** Looks for the latest stored settlement/failure webhook naming the payment's PSP reference and applies it. */
    public Uni<Void> apply(PaymentTransitions.Locked l, AfterCommit after) {
        String pspRef = l.payment().pspRef;
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select kind, provider, event_id from psp_webhook_events where psp_ref = :ref and kind in (:kinds)"
                        + " order by received_at desc, id desc limit 1", Object[].class)
                .setParameter("ref", pspRef)
                .setParameter("kinds", List.copyOf(WebhookKinds.OUTCOMES))
                .getResultList())
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Object[] row = rows.get(0);
                    String kind = (String) row[0];
                    String provider = (String) row[1];
                    String eventId = (String) row[2];
                    LOG.infof("payment %d: applying stored webhook %s (%s) received before it was recorded SENT", l.payment().id, eventId, kind);
                    Uni<Boolean> applied;
                    if (WebhookKinds.SETTLED.contains(kind)) {
                        Map<String, Object> extra = new LinkedHashMap<>();
                        extra.put("psp_ref", pspRef);
                        extra.put("provider", provider);
                        extra.put("event_id", eventId);
                        extra.put("psp_event_id", eventId);
                        extra.put("psp_status", kind);
                        applied = transitions.settle(l, PaymentSources.PSP_WEBHOOK, extra, Actor.named(PaymentSources.PSP_WEBHOOK, null), after);
                    } else {
                        applied = transitions.fail(l, PayoutRejections.PSP_FAILED, Actor.named(Actor.PSP, null),
                                Map.of("event_id", eventId, "psp_status", kind), after);
                    }
                    return applied.chain(moved -> Panache.getSession().chain(s -> s.createNativeQuery(
                            "update psp_webhook_events set outcome = :outcome where provider = :provider and event_id = :event")
                            .setParameter("outcome", moved ? (WebhookKinds.SETTLED.contains(kind) ? "SETTLED_LATE" : "FAILED_LATE") : "NO_EFFECT")
                            .setParameter("provider", provider)
                            .setParameter("event", eventId)
                            .executeUpdate())).replaceWithVoid();
                });
    }
}
