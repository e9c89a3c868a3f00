package com.kobatela.escrow.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import com.kobatela.escrow.domain.EscrowAgreement;
import com.kobatela.escrow.domain.EscrowDeposit;
import com.kobatela.escrow.domain.EscrowErrors;
import com.kobatela.escrow.domain.EscrowEvent;
import com.kobatela.escrow.domain.EscrowStatus;
import com.kobatela.escrow.domain.UserReplica;
import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.kernel.event.payload.EscrowCreated;
import com.kobatela.kernel.event.payload.EscrowDeposited;
import com.kobatela.kernel.idempotency.IdempotencyKeys;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.kernel.outbox.OutboxWriter;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.persistence.UniqueViolations;
import com.kobatela.kernel.security.Caller;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Escrow use cases: creation, read, deposits and the timeline (spec {@code api.md#3.1}, {@code #3.2}, {@code #3.7},
 * {@code #9}; {@code rules.md#escrow}, {@code #deposits}, {@code #idempotency}, {@code #ownership}). Each change, its
 * audit row and its outbox event commit in one transaction; races are settled by row locks and UNIQUE constraints.
 */
@ApplicationScoped
public class EscrowService {

    static final String ENTITY = EscrowChanges.ENTITY;
    static final String DEPOSIT_PATH = "/escrows/{id}/deposit";

    @Inject
    Transactions transactions;

    @Inject
    AuditWriter audit;

    @Inject
    OutboxWriter outbox;

    @Inject
    EscrowChanges changes;

    @Inject
    MilestoneChanges milestones;

    /**
     * Creates an escrow in DRAFT (audit {@code ESCROW_CREATED}, event {@code EscrowCreated}).
     *
     * @param caller         the authenticated caller (owner of the new escrow)
     * @param request        the validated request
     * @param idempotencyKey optional client key (trimmed) or null; a replay returns the same escrow
     * @return the created (or replayed) escrow
     * @throws com.kobatela.kernel.error.ApiException 404 {@code USER_NOT_FOUND}, 403 {@code PUBLIC_DOMAIN_FORBIDDEN},
     *                                                409 {@code IDEMPOTENCY_KEY_CONFLICT}
     */
    public Uni<EscrowView> create(Caller caller, NewEscrow request, String idempotencyKey) {
        return retryOnUniqueViolation(() -> transactions.inTransaction(() -> createOnce(caller, request, idempotencyKey)));
    }

    private Uni<EscrowView> createOnce(Caller caller, NewEscrow request, String key) {
        String fingerprint = request.fingerprint();
        Uni<EscrowAgreement> previous = key == null ? Uni.createFrom().nullItem()
                : EscrowAgreement.<EscrowAgreement>find("idempotencyScope = ?1 and idempotencyKey = ?2", caller.principal(), key)
                        .firstResult();
        return previous.chain(existing -> {
            if (existing != null) {
                if (!fingerprint.equals(existing.requestFingerprint)) {
                    return Uni.createFrom().failure(IdempotencyKeys.conflict());
                }
                return Uni.createFrom().item(EscrowView.of(existing));
            }
            return checkUsers(caller, request).chain(() -> insertEscrow(caller, request, key, fingerprint));
        });
    }

    private Uni<Void> checkUsers(Caller caller, NewEscrow request) {
        return UserReplica.<UserReplica>findById(request.clientId())
                .chain(client -> {
                    if (client == null) {
                        return Uni.createFrom().failure(EscrowErrors.userNotFound("client_id"));
                    }
                    return UserReplica.<UserReplica>findById(request.providerId());
                })
                .chain(provider -> {
                    if (provider == null) {
                        return Uni.createFrom().failure(EscrowErrors.userNotFound("provider_id"));
                    }
                    if (!request.domain().isPublicSector()) {
                        return Uni.createFrom().voidItem();
                    }
                    return UserReplica.publicTagOf(caller).chain(tag -> UserReplica.isPublicTag(tag)
                            ? Uni.createFrom().voidItem()
                            : Uni.createFrom().failure(EscrowErrors.publicDomainForbidden()));
                });
    }

    private Uni<EscrowView> insertEscrow(Caller caller, NewEscrow request, String key, String fingerprint) {
        OffsetDateTime now = now();
        EscrowAgreement e = new EscrowAgreement();
        e.clientId = request.clientId();
        e.providerId = request.providerId();
        e.amountTotal = request.amountTotal();
        e.currency = request.currency();
        e.status = EscrowStatus.DRAFT;
        e.domain = request.domain().value();
        e.releaseConditionsJson = request.releaseConditionsJson();
        e.deadlineAt = request.deadlineAt();
        e.ownerPrincipal = caller.principal();
        e.ownerUserId = caller.userId();
        e.createdByApiKeyId = caller.auditApiKeyId();
        if (key != null) {
            e.idempotencyScope = caller.principal();
            e.idempotencyKey = key;
            e.requestFingerprint = fingerprint;
        }
        e.createdAt = now;
        e.updatedAt = now;
        return e.<EscrowAgreement>persistAndFlush()
                .chain(() -> audit.record(caller, "ESCROW_CREATED", ENTITY, e.id, Map.of(
                        "status", e.status.name(),
                        "amount_total", Amounts.format(e.amountTotal),
                        "currency", e.currency)))
                .chain(() -> outbox.write(Topics.ESCROW, String.valueOf(e.id), EventTypes.ESCROW_CREATED,
                        new EscrowCreated(e.id, e.ownerPrincipal, e.clientId, e.providerId, e.amountTotal, e.currency, e.domain,
                                e.status.name(), e.deadlineAt),
                        caller.actor(), caller.requestId()))
                .map(x -> EscrowView.of(e));
    }

    /**
     * Reads an escrow (audit {@code ESCROW_READ}, data: status).
     *
     * @throws com.kobatela.kernel.error.ApiException 404 {@code ESCROW_NOT_FOUND} when unknown or not visible to the caller
     */
    public Uni<EscrowView> get(Caller caller, long escrowId) {
        return transactions.inTransaction(() -> changes.visible(caller, escrowId, null)
                .call(e -> audit.record(caller, "ESCROW_READ", ENTITY, e.id, Map.of("status", e.status.name())))
                .map(EscrowView::of));
    }

    /**
     * Records a deposit (spec {@code rules.md#deposits}) in one transaction: locks the escrow row, then applies the
     * idempotency rules, the terminal-status guard, stores the deposit, moves DRAFT to FUNDED once covered, writes event
     * DEPOSIT, audit {@code ESCROW_DEPOSITED} and the {@code EscrowDeposited} outbox event, then {@code EscrowStatusChanged}
     * (reason {@code deposit}) when the escrow became FUNDED, then asks again for the payout of every milestone whose
     * payout was blocked (APPROVED, spec {@code domain.md#9.2}). A unique-key race is retried once, so the loser replays
     * (or conflicts with) the winner's deposit.
     *
     * @param amount positive amount, scale 2, in the escrow's currency
     * @param key    the trimmed Idempotency-Key
     * @return the escrow's state after the deposit (or its current state for a replay)
     * @throws com.kobatela.kernel.error.ApiException 404 {@code ESCROW_NOT_FOUND}, 409 {@code IDEMPOTENCY_KEY_CONFLICT},
     *                                                409 {@code ESCROW_NOT_ACTIVE}
     */
    public Uni<EscrowView> deposit(Caller caller, long escrowId, BigDecimal amount, String key) {
        return retryOnUniqueViolation(() -> transactions.inTransaction(() -> depositOnce(caller, escrowId, amount, key)));
    }

    private Uni<EscrowView> depositOnce(Caller caller, long escrowId, BigDecimal amount, String key) {
        String scope = caller.principal();
        String fingerprint = IdempotencyKeys.fingerprint("POST " + DEPOSIT_PATH, escrowId, Amounts.format(amount));
        return changes.visible(caller, escrowId, LockModeType.PESSIMISTIC_WRITE)
                .chain(escrow -> EscrowDeposit.<EscrowDeposit>find("idempotencyScope = ?1 and idempotencyKey = ?2", scope, key)
                        .firstResult()
                        .chain(existing -> {
                            if (existing != null) {
                                return fingerprint.equals(existing.requestFingerprint)
                                        ? Uni.createFrom().item(EscrowView.of(escrow))
                                        : Uni.createFrom().failure(IdempotencyKeys.conflict());
                            }
                            if (escrow.status.isTerminal()) {
                                return Uni.createFrom().failure(EscrowErrors.notActive());
                            }
                            return recordDeposit(caller, escrow, amount, key, fingerprint);
                        }));
    }

    private Uni<EscrowView> recordDeposit(Caller caller, EscrowAgreement escrow, BigDecimal amount, String key, String fingerprint) {
        OffsetDateTime now = now();
        EscrowDeposit d = new EscrowDeposit();
        d.escrowId = escrow.id;
        d.amount = amount;
        d.idempotencyScope = caller.principal();
        d.idempotencyKey = key;
        d.requestFingerprint = fingerprint;
        d.createdAt = now;
        d.updatedAt = now;
        String amountText = Amounts.format(amount);
        Actor actor = Actor.of(caller);
        EscrowStatus before = escrow.status;
        return d.<EscrowDeposit>persistAndFlush()
                .chain(() -> Panache.getSession().chain(s -> s
                        .createSelectionQuery("select coalesce(sum(d.amount), 0) from EscrowDeposit d where d.escrowId = :id", BigDecimal.class)
                        .setParameter("id", escrow.id)
                        .getSingleResult()))
                .chain(total -> {
                    EscrowStatus next = escrow.status.afterDeposit(Amounts.normalize(total), escrow.amountTotal);
                    if (next != escrow.status) {
                        escrow.status = next;
                        escrow.updatedAt = now;
                    }
                    return changes.timeline(escrow.id, EscrowEvent.DEPOSIT, key, EscrowChanges.data("amount", amountText, "idempotency_key", key));
                })
                .chain(() -> audit.record(caller, "ESCROW_DEPOSITED", ENTITY, escrow.id, Map.of(
                        "amount", amountText,
                        "status", escrow.status.name(),
                        "idempotency_key", key)))
                .chain(() -> outbox.write(Topics.ESCROW, String.valueOf(escrow.id), EventTypes.ESCROW_DEPOSITED,
                        new EscrowDeposited(escrow.id, d.id, amount, escrow.currency, key, escrow.status.name()),
                        caller.actor(), caller.requestId()))
                .chain(() -> before == escrow.status ? Uni.createFrom().voidItem()
                        : changes.announceStatus(escrow.id, before, escrow.status, "deposit", actor))
                .chain(() -> milestones.requestBlockedPayouts(escrow, actor))
                .map(x -> EscrowView.of(escrow));
    }

    /**
     * The escrow's timeline, oldest first.
     *
     * @throws com.kobatela.kernel.error.ApiException 404 {@code ESCROW_NOT_FOUND} when unknown or not visible to the caller
     */
    public Uni<List<TimelineEntry>> events(Caller caller, long escrowId) {
        return Panache.withSession(() -> changes.visible(caller, escrowId, null)
                .chain(e -> EscrowEvent.<EscrowEvent>find("escrowId = ?1 order by at, id", e.id).list())
                .map(list -> list.stream().map(ev -> new TimelineEntry(ev.id, ev.kind, ev.dataJson,
                        ev.at.withOffsetSameInstant(ZoneOffset.UTC))).toList()));
    }

    /** Runs an operation; on a unique-constraint race runs it once more (it then sees the winner's row). */
    private static <T> Uni<T> retryOnUniqueViolation(java.util.function.Supplier<Uni<? extends T>> operation) {
        Uni<T> first = Uni.createFrom().deferred(operation);
        return first.onFailure(UniqueViolations::isUniqueViolation)
                .recoverWithUni(() -> Uni.createFrom().<T>deferred(operation));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
