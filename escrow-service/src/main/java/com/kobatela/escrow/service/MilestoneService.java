package com.kobatela.escrow.service;

import static com.kobatela.escrow.service.EscrowChanges.data;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.escrow.domain.EscrowAgreement;
import com.kobatela.escrow.domain.EscrowErrors;
import com.kobatela.escrow.domain.Milestone;
import com.kobatela.escrow.domain.MilestoneStatus;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.kernel.event.payload.MilestoneCreated;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.kernel.outbox.OutboxWriter;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.persistence.UniqueViolations;
import com.kobatela.kernel.security.Caller;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The milestones API (spec {@code api.md#3.8}-{@code #3.10}, {@code rules.md#milestone-sequencing}): creation checks the
 * escrow's currency, that the milestone amounts stay within {@code amount_total} and that the sequence index is free,
 * under the escrow's row lock so that concurrent creations cannot overshoot the total together (the UNIQUE
 * {@code (escrow_id, idx)} constraint is the backstop). Reads follow the ownership rule (spec {@code rules.md#ownership}).
 */
@ApplicationScoped
public class MilestoneService {

    @Inject
    Transactions transactions;

    @Inject
    EscrowChanges changes;

    @Inject
    OutboxWriter outbox;

    @Inject
    ObjectMapper mapper;

    /**
     * Creates a milestone in WAITING (audit {@code MILESTONE_CREATED}, event {@code escrow.milestone-created.v1}).
     *
     * @throws com.kobatela.kernel.error.ApiException 404 {@code ESCROW_NOT_FOUND}, 400 {@code MILESTONE_CURRENCY_MISMATCH},
     *                                                400 {@code MILESTONE_TOTAL_EXCEEDS_ESCROW}, 400
     *                                                {@code MILESTONE_SEQUENCE_EXISTS}
     */
    public Uni<MilestoneView> create(Caller caller, long escrowId, NewMilestone request) {
        return transactions.inTransaction(() -> changes.visible(caller, escrowId, LockModeType.PESSIMISTIC_WRITE)
                .chain(escrow -> {
                    if (!escrow.currency.equalsIgnoreCase(request.currency())) {
                        return Uni.createFrom().failure(EscrowErrors.milestoneCurrencyMismatch());
                    }
                    return allocated(escrow.id).chain(existing -> {
                        if (existing.add(request.amount()).compareTo(escrow.amountTotal) > 0) {
                            return Uni.createFrom().failure(EscrowErrors.milestoneTotalExceeds(existing, escrow.amountTotal));
                        }
                        return Milestone.count("escrowId = ?1 and idx = ?2", escrow.id, request.idx()).chain(n -> n > 0
                                ? Uni.createFrom().failure(EscrowErrors.milestoneSequenceExists())
                                : insert(caller, escrow, request));
                    });
                }))
                .onFailure(UniqueViolations::isUniqueViolation).transform(e -> EscrowErrors.milestoneSequenceExists());
    }

    /**
     * The escrow's milestones ordered by sequence index.
     *
     * @throws com.kobatela.kernel.error.ApiException 404 {@code ESCROW_NOT_FOUND} (unknown or foreign)
     */
    public Uni<List<MilestoneView>> list(Caller caller, long escrowId) {
        return Panache.withSession(() -> changes.visible(caller, escrowId, null)
                .chain(e -> Milestone.<Milestone>list("escrowId = ?1 order by idx", e.id))
                .map(list -> list.stream().map(MilestoneView::of).toList()));
    }

    /**
     * One milestone.
     *
     * @throws com.kobatela.kernel.error.ApiException 404 {@code MILESTONE_NOT_FOUND} (unknown, or of a foreign escrow)
     */
    public Uni<MilestoneView> get(Caller caller, long milestoneId) {
        return Panache.withSession(() -> Milestone.<Milestone>findById(milestoneId).chain(m -> m == null
                ? Uni.createFrom().failure(EscrowErrors.milestoneNotFound())
                : EscrowAgreement.<EscrowAgreement>findById(m.escrowId).chain(e -> e != null && caller.canSee(e.ownerPrincipal)
                        ? Uni.createFrom().item(MilestoneView.of(m))
                        : Uni.createFrom().failure(EscrowErrors.milestoneNotFound()))));
    }

    private static Uni<BigDecimal> allocated(long escrowId) {
        return Panache.getSession().chain(s -> s
                .createSelectionQuery("select coalesce(sum(m.amount), 0) from Milestone m where m.escrowId = :id", BigDecimal.class)
                .setParameter("id", escrowId)
                .getSingleResult())
                .map(Amounts::normalize);
    }

    private Uni<MilestoneView> insert(Caller caller, EscrowAgreement escrow, NewMilestone r) {
        var now = EscrowChanges.now();
        Milestone m = new Milestone();
        m.escrowId = escrow.id;
        m.idx = r.idx();
        m.label = r.label();
        m.amount = r.amount();
        m.currency = escrow.currency;
        m.proofType = r.proofType();
        m.validator = r.validator();
        m.proofRequirements = r.proofRequirementsJson();
        m.geofenceLat = r.geofenceLat();
        m.geofenceLng = r.geofenceLng();
        m.geofenceRadiusM = r.geofenceRadiusM();
        m.status = MilestoneStatus.WAITING;
        m.createdAt = now;
        m.updatedAt = now;
        Actor actor = Actor.of(caller);
        return m.<Milestone>persistAndFlush()
                .chain(() -> outbox.write(Topics.ESCROW, String.valueOf(escrow.id), EventTypes.MILESTONE_CREATED,
                        new MilestoneCreated(m.id, m.escrowId, m.idx, m.label, m.amount, m.currency, m.proofType, requirements(m.proofRequirements),
                                m.geofenceLat, m.geofenceLng, m.geofenceRadiusM, m.status.name()),
                        actor.name(), actor.requestId()))
                .chain(() -> changes.audit(actor, "MILESTONE_CREATED", MilestoneChanges.ENTITY, m.id, data(
                        "escrow_id", m.escrowId, "idx", m.idx, "label", m.label, "amount", Amounts.format(m.amount), "currency", m.currency,
                        "proof_kind", m.proofType)))
                .map(x -> MilestoneView.of(m));
    }

    private Map<String, Object> requirements(String json) {
        try {
            return mapper.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored proof_requirements is not a JSON object", e);
        }
    }
}
