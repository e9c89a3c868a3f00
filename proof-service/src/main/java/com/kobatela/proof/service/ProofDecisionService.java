package com.kobatela.proof.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.kernel.event.payload.ProofDecided;
import com.kobatela.kernel.outbox.OutboxWriter;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.security.Caller;
import com.kobatela.proof.domain.MilestoneView;
import com.kobatela.proof.domain.Proof;
import com.kobatela.proof.domain.ProofTransitions;
import com.kobatela.proof.rest.ProofDecisionRequest;
import com.kobatela.proof.rest.ProofRead;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /proofs/{id}/decision} (spec {@code api.md#6.2}, {@code rules.md#decision}, {@code domain.md#9.3}).
 * The transition is a conditional update ({@code ... where status = 'PENDING'}): of two concurrent decisions on one
 * proof exactly one has an effect (audit {@code APPROVE_PROOF}/{@code REJECT_PROOF}, event through the outbox in
 * the same transaction); the other re-reads the proof and answers as a repeat (200) or a conflict (409). Every
 * successful decision records the reviewer ({@code ai_reviewed_by/_at}) and a {@code DECIDE_PROOF} audit.
 */
@ApplicationScoped
public class ProofDecisionService {

    @Inject
    Transactions transactions;

    @Inject
    OutboxWriter outbox;

    @Inject
    AuditWriter audit;

    @Inject
    ProofMapper mapper;

    @Inject
    BalanceView balance;

    /**
     * Approves or rejects a proof.
     *
     * @throws ApiException 404 PROOF_NOT_FOUND, 400 AI_REVIEW_NOTE_REQUIRED, 409 PROOF_ALREADY_REJECTED /
     *                      PROOF_ALREADY_APPROVED / INSUFFICIENT_ESCROW_BALANCE
     */
    public Uni<ProofRead> decide(Caller caller, long proofId, ProofDecisionRequest req) {
        return transactions.inTransaction(() -> load(proofId)
                .chain(p -> p == null ? Uni.createFrom().failure(ProofService.notFound()) : decideOn(caller, p, req, true))
                .chain(p -> reviewed(caller, p, req)))
                .map(mapper::read);
    }

    private Uni<Proof> decideOn(Caller caller, Proof p, ProofDecisionRequest req, boolean firstTry) {
        boolean approve = req.approves();
        String target = ProofTransitions.target(approve);
        try {
            if (ProofTransitions.decide(p.status, approve, p.aiRiskLevel, req.note()) == ProofTransitions.Effect.REPEAT) {
                return Uni.createFrom().item(p);
            }
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        return MilestoneView.<MilestoneView>findById(p.milestoneId)
                .call(m -> approve ? balance.requireCovered(p.escrowId, m.amount) : Uni.createFrom().voidItem())
                .chain(m -> Proof.update("status = ?1, updatedAt = ?2 where id = ?3 and status = ?4", target, now(), p.id, Proof.PENDING)
                        .chain(updated -> load(p.id).chain(fresh -> {
                            if (updated == 1) {
                                return effects(caller, fresh, m, approve, req.note()).replaceWith(fresh);
                            }
                            // another decision won the race: answer as a repeat or a conflict of its outcome
                            return firstTry ? decideOn(caller, fresh, req, false)
                                    : Uni.createFrom().failure(new IllegalStateException("proof " + p.id + " changed twice"));
                        })));
    }

    private Uni<Void> effects(Caller caller, Proof p, MilestoneView m, boolean approve, String note) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("proof_id", p.id);
        data.put("note", note);
        return audit.record(caller, approve ? "APPROVE_PROOF" : "REJECT_PROOF", "Proof", p.id, data)
                .chain(() -> outbox.write(Topics.PROOF, String.valueOf(p.escrowId),
                        approve ? EventTypes.PROOF_APPROVED : EventTypes.PROOF_REJECTED,
                        new ProofDecided(p.id, p.escrowId, p.milestoneId, m.idx, false, note), caller.actor(), caller.requestId()))
                .replaceWithVoid();
    }

    private Uni<Proof> reviewed(Caller caller, Proof p, ProofDecisionRequest req) {
        OffsetDateTime at = now();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("decision", req.approves() ? "approved" : "rejected");
        data.put("note", req.note());
        data.put("proof_id", p.id);
        return Proof.update("aiReviewedBy = ?1, aiReviewedAt = ?2, updatedAt = ?2 where id = ?3", caller.actor(), at, p.id)
                .chain(() -> audit.record(caller, "DECIDE_PROOF", "Proof", p.id, data))
                .chain(() -> load(p.id));
    }

    /**
     * The proof as stored now, detached from the session: every change goes through an update statement, so no flush of
     * an entity read before a concurrent decision can overwrite that decision.
     */
    private static Uni<Proof> load(long proofId) {
        return Panache.getSession().chain(s -> s.find(Proof.class, proofId).invoke(p -> {
            if (p != null) {
                s.detach(p);
            }
        }));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
