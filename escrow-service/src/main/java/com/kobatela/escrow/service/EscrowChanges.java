package com.kobatela.escrow.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.escrow.domain.EscrowAgreement;
import com.kobatela.escrow.domain.EscrowErrors;
import com.kobatela.escrow.domain.EscrowEvent;
import com.kobatela.escrow.domain.EscrowStatus;
import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.kernel.event.payload.EscrowStatusChanged;
import com.kobatela.kernel.outbox.OutboxWriter;
import com.kobatela.kernel.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * The building blocks every escrow change is made of, each run inside the caller's transaction: loading (and locking)
 * an escrow, changing its status with the {@code EscrowStatusChanged}/{@code EscrowReleased} outbox event (CONTRACTS.md),
 * appending to its timeline ({@code escrow_events}, spec {@code domain.md#2.3}) and auditing with the real actor
 * (spec {@code rules.md#audit}).
 */
@ApplicationScoped
public class EscrowChanges {

    /** Audit entity of escrows. */
    public static final String ENTITY = "EscrowAgreement";

    @Inject
    AuditWriter audit;

    @Inject
    OutboxWriter outbox;

    @Inject
    ObjectMapper mapper;

    /**
     * Loads an escrow the caller may see, optionally locking its row ({@code SELECT ... FOR UPDATE}).
     *
     * @param lock null for a plain read
     * @throws com.kobatela.kernel.error.ApiException 404 {@code ESCROW_NOT_FOUND} when unknown or foreign (spec
     *                                                {@code rules.md#ownership})
     */
    public Uni<EscrowAgreement> visible(Caller caller, long escrowId, LockModeType lock) {
        return load(escrowId, lock).chain(e -> e == null || !caller.canSee(e.ownerPrincipal)
                ? Uni.createFrom().failure(EscrowErrors.escrowNotFound())
                : Uni.createFrom().item(e));
    }

    /**
     * Locks an escrow's row for a change caused by an event or a job: serialises it with every other change of the
     * escrow and its milestones.
     *
     * @throws IllegalArgumentException when the escrow does not exist (a consumed event then goes to dead letters)
     */
    public Uni<EscrowAgreement> lock(long escrowId) {
        return load(escrowId, LockModeType.PESSIMISTIC_WRITE).chain(e -> e == null
                ? Uni.createFrom().failure(new IllegalArgumentException("unknown escrow " + escrowId))
                : Uni.createFrom().item(e));
    }

    private static Uni<EscrowAgreement> load(long escrowId, LockModeType lock) {
        return lock == null ? EscrowAgreement.findById(escrowId) : EscrowAgreement.findById(escrowId, lock);
    }

    /**
     * Moves a (locked) escrow to {@code to} and stages the event ({@link #announceStatus}).
     *
     * @param reason {@code deposit}, {@code mark-delivered}, {@code client-approve}, {@code client-reject},
     *               {@code deadline} or {@code finalization}
     */
    public Uni<Void> changeStatus(EscrowAgreement escrow, EscrowStatus to, String reason, Actor actor) {
        EscrowStatus from = escrow.status;
        escrow.status = to;
        escrow.updatedAt = now();
        return announceStatus(escrow.id, from, to, reason, actor);
    }

    /**
     * Stages the event of a status change already made: {@code escrow.released.v1} for RELEASED, else
     * {@code escrow.status-changed.v1}, both with the {@link EscrowStatusChanged} payload.
     */
    public Uni<Void> announceStatus(long escrowId, EscrowStatus from, EscrowStatus to, String reason, Actor actor) {
        String type = to == EscrowStatus.RELEASED ? EventTypes.ESCROW_RELEASED : EventTypes.ESCROW_STATUS_CHANGED;
        return outbox.write(Topics.ESCROW, String.valueOf(escrowId), type, new EscrowStatusChanged(escrowId, from.name(), to.name(), reason),
                actor.name(), actor.requestId()).replaceWithVoid();
    }

    /**
     * Appends an event to the escrow's timeline.
     *
     * @param key  idempotency key of the entry, or null
     * @param data payload (money already formatted as strings)
     */
    public Uni<Void> timeline(long escrowId, String kind, String key, Map<String, ?> data) {
        EscrowEvent ev = new EscrowEvent();
        ev.escrowId = escrowId;
        ev.kind = kind;
        ev.idempotencyKey = key;
        ev.dataJson = json(data);
        ev.at = now();
        return ev.persist().replaceWithVoid();
    }

    /** True when the escrow's timeline already has an entry of this kind with this key. */
    public Uni<Boolean> hasTimeline(long escrowId, String kind, String key) {
        return EscrowEvent.count("escrowId = ?1 and kind = ?2 and idempotencyKey = ?3", escrowId, kind, key).map(n -> n > 0);
    }

    /** Audits an action in the current transaction. */
    public Uni<Void> audit(Actor actor, String action, String entity, long entityId, Map<String, ?> data) {
        return audit.record(actor.name(), action, entity, entityId, data, actor.apiKeyId(), actor.requestId());
    }

    /** A mutable, ordered map that accepts null values, from key/value pairs. */
    public static Map<String, Object> data(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** JSON text of a value with the application's mapper. */
    public String json(Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        }
    }

    /** Now, UTC, microsecond precision (the database's). */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
