package com.kobatela.proof.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.kernel.event.payload.ProofDecided;
import com.kobatela.kernel.outbox.OutboxWriter;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.persistence.UniqueViolations;
import com.kobatela.kernel.security.Caller;
import com.kobatela.proof.domain.DocumentChecks;
import com.kobatela.proof.domain.EscrowView;
import com.kobatela.proof.domain.InvoiceNormaliser;
import com.kobatela.proof.domain.MilestoneSequencing;
import com.kobatela.proof.domain.MilestoneView;
import com.kobatela.proof.domain.PhotoRules;
import com.kobatela.proof.domain.PhotoVerdict;
import com.kobatela.proof.domain.Proof;
import com.kobatela.proof.rest.ProofCreateRequest;
import com.kobatela.proof.rest.ProofDecisionRequest;
import com.kobatela.proof.rest.ProofRead;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Proof submission, decision and read (spec {@code rules.md#proofs}, {@code #decision}, {@code api.md#6}).
 * Content validation comes before state checks; the milestone read-model row is locked while a proof is stored,
 * so concurrent submissions for one milestone are serialised; {@code sha256} is unique in the database. An
 * accepted proof leaves as {@code ProofApproved}/{@code ProofSubmitted}/{@code ProofRejected} through the outbox,
 * in the transaction that stores it.
 */
@ApplicationScoped
public class ProofService {

    private static final Set<String> DOCUMENT_TYPES = Set.of("PDF", "INVOICE", "CONTRACT");
    private static final Set<String> FLAGGED_RISKS = Set.of("warning", "suspect");

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

    @ConfigProperty(name = "kobatela.proof.geofence-tolerance-m", defaultValue = "0")
    double geofenceToleranceM;

    /**
     * {@code POST /proofs}: validates, stores APPROVED (auto-approved photo) or PENDING (review), emits the event.
     *
     * @throws ApiException the codes of {@code api.md#6.1}
     */
    public Uni<ProofRead> submit(Caller caller, ProofCreateRequest req) {
        return transactions.inTransaction(() -> submitInTransaction(caller, req))
                .onFailure(UniqueViolations::isUniqueViolation)
                .transform(e -> ApiException.conflict("PROOF_DUPLICATE", "A proof with this sha256 already exists."))
                .map(mapper::read);
    }

    private Uni<Proof> submitInTransaction(Caller caller, ProofCreateRequest req) {
        return visibleEscrow(caller, req.escrowId(), ErrorCodes.ESCROW_NOT_FOUND, "Escrow not found.")
                .chain(escrow -> MilestoneView.<MilestoneView>find("escrowId = ?1 and idx = ?2", req.escrowId(), req.milestoneIdx())
                        .withLock(LockModeType.PESSIMISTIC_WRITE).<MilestoneView>firstResult())
                .chain((MilestoneView found) -> found == null
                        ? Uni.createFrom().failure(ApiException.notFound("MILESTONE_NOT_FOUND", "Milestone not found for escrow."))
                        : Uni.createFrom().item(found))
                .chain(milestone -> validateAndStore(caller, req, milestone));
    }

    private Uni<Proof> validateAndStore(Caller caller, ProofCreateRequest req, MilestoneView milestone) {
        Map<String, Object> working = ProofMapper.working(req.metadata());
        String type = req.type().strip().toUpperCase(java.util.Locale.ROOT);
        boolean document = DOCUMENT_TYPES.contains(type);
        if (document) {
            working.putIfAbsent("ocr_status", "disabled");
            working.putIfAbsent("ocr_provider", "disabled");
        }
        InvoiceNormaliser.Invoice invoice = InvoiceNormaliser.normalise(working);
        boolean auto;
        if ("PHOTO".equalsIgnoreCase(milestone.proofType)) {
            PhotoVerdict verdict = PhotoRules.evaluate(req.metadata() == null ? null : working, milestone.geofence(),
                    Instant.now(), geofenceToleranceM);
            switch (verdict.outcome()) {
                case REJECT -> throw new ApiException(422, verdict.code(), verdict.message());
                case REVIEW -> {
                    working.put("review_reason", verdict.code());
                    working.put("review_reasons", List.of(verdict.code().toLowerCase(java.util.Locale.ROOT)));
                }
                default -> {
                }
            }
            auto = verdict.outcome() == PhotoVerdict.Outcome.APPROVE;
        } else {
            auto = false;
            working.put("backend_checks", DocumentChecks.compute(mapper.map(milestone.proofRequirements), working));
        }
        return Proof.<Proof>list("escrowId", milestone.escrowId)
                .chain(proofs -> MilestoneView.<MilestoneView>list("escrowId", milestone.escrowId)
                        .map(views -> {
                            MilestoneSequencing.checkSubmittable(steps(views, proofs), milestone.idx);
                            return proofs;
                        }))
                .chain(proofs -> Proof.count("sha256", req.sha256()))
                .chain(dupes -> {
                    if (dupes > 0) {
                        return Uni.createFrom().failure(ApiException.conflict("PROOF_DUPLICATE", "A proof with this sha256 already exists."));
                    }
                    return auto ? balance.requireCovered(milestone.escrowId, milestone.amount) : Uni.createFrom().voidItem();
                })
                .chain(ok -> {
                    Proof p = new Proof();
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    p.escrowId = milestone.escrowId;
                    p.milestoneId = milestone.milestoneId;
                    p.type = req.type();
                    p.storageUrl = req.storageUrl();
                    p.sha256 = req.sha256();
                    p.metadata = mapper.json(working);
                    p.status = auto ? Proof.APPROVED : Proof.PENDING;
                    p.invoiceTotalAmount = invoice.totalAmount();
                    p.invoiceCurrency = invoice.currency();
                    p.createdAt = now;
                    p.updatedAt = now;
                    return p.<Proof>persistAndFlush();
                })
                .call(p -> document
                        ? audit.record("invoice_ocr", "INVOICE_OCR_RUN", "Proof", p.id, ocrData(p, working),
                                caller.auditApiKeyId(), caller.requestId())
                        : Uni.createFrom().voidItem())
                .call(p -> audit.record(caller, "SUBMIT_PROOF", "Proof", p.id, submitted(req)))
                .call(p -> outbox.write(Topics.PROOF, String.valueOf(p.escrowId),
                        auto ? EventTypes.PROOF_APPROVED : EventTypes.PROOF_SUBMITTED,
                        new ProofDecided(p.id, p.escrowId, p.milestoneId, milestone.idx, auto, (String) working.get("review_reason")),
                        caller.actor(), caller.requestId()));
    }

    /**
     * {@code POST /proofs/{id}/decision}.
     *
     * @throws ApiException 404 PROOF_NOT_FOUND, 400 AI_REVIEW_NOTE_REQUIRED, 409 PROOF_ALREADY_REJECTED /
     *                      PROOF_ALREADY_APPROVED / INSUFFICIENT_ESCROW_BALANCE
     */
    public Uni<ProofRead> decide(Caller caller, long proofId, ProofDecisionRequest req) {
        return transactions.inTransaction(() -> Proof.<Proof>find("id", proofId).withLock(LockModeType.PESSIMISTIC_WRITE).<Proof>firstResult()
                .chain(p -> {
                    if (p == null) {
                        return Uni.createFrom().failure(ApiException.notFound("PROOF_NOT_FOUND", "Proof not found."));
                    }
                    return req.approves() ? approve(caller, p, req.note()) : reject(caller, p, req.note());
                })
                .call(p -> {
                    p.aiReviewedBy = caller.actor();
                    p.aiReviewedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    p.updatedAt = p.aiReviewedAt;
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("decision", req.approves() ? "approved" : "rejected");
                    data.put("note", req.note());
                    data.put("proof_id", p.id);
                    return audit.record(caller, "DECIDE_PROOF", "Proof", p.id, data);
                }))
                .map(mapper::read);
    }

    private Uni<Proof> approve(Caller caller, Proof p, String note) {
        if (p.aiRiskLevel != null && FLAGGED_RISKS.contains(p.aiRiskLevel.toLowerCase(java.util.Locale.ROOT))
                && (note == null || note.isBlank())) {
            return Uni.createFrom().failure(new ApiException(400, "AI_REVIEW_NOTE_REQUIRED",
                    "A note is required to approve a proof flagged by the AI advisor.", "note", null));
        }
        if (Proof.REJECTED.equals(p.status)) {
            return Uni.createFrom().failure(ApiException.conflict("PROOF_ALREADY_REJECTED", "Proof already rejected."));
        }
        if (Proof.APPROVED.equals(p.status)) {
            return Uni.createFrom().item(p);
        }
        return MilestoneView.<MilestoneView>findById(p.milestoneId)
                .chain(m -> balance.requireCovered(p.escrowId, m.amount).replaceWith(m))
                .chain(m -> {
                    p.status = Proof.APPROVED;
                    return audit.record(caller, "APPROVE_PROOF", "Proof", p.id, noteData(p, note))
                            .chain(() -> outbox.write(Topics.PROOF, String.valueOf(p.escrowId), EventTypes.PROOF_APPROVED,
                                    new ProofDecided(p.id, p.escrowId, p.milestoneId, m.idx, false, note), caller.actor(), caller.requestId()))
                            .replaceWith(p);
                });
    }

    private Uni<Proof> reject(Caller caller, Proof p, String note) {
        if (Proof.APPROVED.equals(p.status)) {
            return Uni.createFrom().failure(ApiException.conflict("PROOF_ALREADY_APPROVED", "Proof already approved."));
        }
        if (Proof.REJECTED.equals(p.status)) {
            return Uni.createFrom().item(p);
        }
        p.status = Proof.REJECTED;
        return MilestoneView.<MilestoneView>findById(p.milestoneId)
                .chain(m -> audit.record(caller, "REJECT_PROOF", "Proof", p.id, noteData(p, note))
                        .chain(() -> outbox.write(Topics.PROOF, String.valueOf(p.escrowId), EventTypes.PROOF_REJECTED,
                                new ProofDecided(p.id, p.escrowId, p.milestoneId, m == null ? 0 : m.idx, false, note),
                                caller.actor(), caller.requestId())))
                .replaceWith(p);
    }

    /**
     * {@code GET /proofs/{id}}: sender callers see only proofs of their own escrows.
     *
     * @throws ApiException 404 PROOF_NOT_FOUND
     */
    public Uni<ProofRead> get(Caller caller, long proofId) {
        return Panache.withSession(() -> Proof.<Proof>findById(proofId)
                .chain(p -> {
                    if (p == null) {
                        return Uni.createFrom().failure(ApiException.notFound("PROOF_NOT_FOUND", "Proof not found."));
                    }
                    return visibleEscrow(caller, p.escrowId, "PROOF_NOT_FOUND", "Proof not found.").replaceWith(p);
                }))
                .map(mapper::read);
    }

    private Uni<EscrowView> visibleEscrow(Caller caller, long escrowId, String code, String message) {
        return EscrowView.<EscrowView>findById(escrowId).chain(e -> e == null || !caller.canSee(e.ownerPrincipal)
                ? Uni.createFrom().failure(ApiException.notFound(code, message))
                : Uni.createFrom().item(e));
    }

    /**
     * The milestones of an escrow as the sequencing rule sees them: escrow-service's status, except that this
     * service's own proofs are authoritative for review state (a PENDING proof means PENDING_REVIEW, an APPROVED
     * one APPROVED, only rejected proofs REJECTED) until escrow-service reports PAYING or PAID.
     */
    static List<MilestoneSequencing.Step> steps(List<MilestoneView> views, List<Proof> proofs) {
        Map<Long, Set<String>> statuses = proofs.stream().collect(Collectors.groupingBy(p -> p.milestoneId,
                Collectors.mapping(p -> p.status, Collectors.toSet())));
        return views.stream().map(v -> new MilestoneSequencing.Step(v.milestoneId, v.idx,
                effectiveStatus(v.status, statuses.getOrDefault(v.milestoneId, Set.of())))).toList();
    }

    static String effectiveStatus(String viewStatus, Set<String> proofStatuses) {
        if ("PAID".equals(viewStatus) || "PAYING".equals(viewStatus)) {
            return viewStatus;
        }
        if (proofStatuses.contains(Proof.PENDING)) {
            return "PENDING_REVIEW";
        }
        if (proofStatuses.contains(Proof.APPROVED)) {
            return "APPROVED";
        }
        return proofStatuses.isEmpty() ? viewStatus : "REJECTED";
    }

    private static Map<String, Object> submitted(ProofCreateRequest req) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("escrow_id", req.escrowId());
        data.put("milestone_idx", req.milestoneIdx());
        data.put("type", req.type());
        data.put("storage_url", req.storageUrl());
        data.put("sha256", req.sha256());
        data.put("metadata", req.metadata());
        return data;
    }

    private static Map<String, Object> ocrData(Proof p, Map<String, Object> working) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("escrow_id", p.escrowId);
        data.put("milestone_id", p.milestoneId);
        data.put("ocr_status", working.get("ocr_status"));
        data.put("ocr_provider", working.get("ocr_provider"));
        return data;
    }

    private static Map<String, Object> noteData(Proof p, String note) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("proof_id", p.id);
        data.put("note", note);
        return data;
    }
}
