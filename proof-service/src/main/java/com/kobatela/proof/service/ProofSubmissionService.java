package com.kobatela.proof.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

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
import com.kobatela.proof.client.RemoteFiles;
import com.kobatela.proof.config.ProofConfig;
import com.kobatela.proof.domain.AiContext;
import com.kobatela.proof.domain.DocumentChecks;
import com.kobatela.proof.domain.ExifCrossCheck;
import com.kobatela.proof.domain.InvoiceNormaliser;
import com.kobatela.proof.domain.MilestoneSequencing;
import com.kobatela.proof.domain.MilestoneView;
import com.kobatela.proof.domain.OcrContract;
import com.kobatela.proof.domain.PhotoRules;
import com.kobatela.proof.domain.PhotoVerdict;
import com.kobatela.proof.domain.Proof;
import com.kobatela.proof.rest.ProofCreateRequest;
import com.kobatela.proof.rest.ProofRead;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * {@code POST /proofs} (spec {@code rules.md#proofs}, {@code api.md#6.1}), in this order:
 * <ol>
 * <li>escrow visible → 404 ESCROW_NOT_FOUND; milestone (escrow, idx) → 404 MILESTONE_NOT_FOUND;</li>
 * <li>content: OCR hook for PDF/INVOICE/CONTRACT, invoice normalisation (422), then for a PHOTO milestone the
 * optional EXIF check and the photo rules (422 hard errors, soft review), else document checks;</li>
 * <li>AI advisor when enabled (photo only when auto-approved), after a read-only pre-check of the state so that a
 * proof about to be refused costs no call;</li>
 * <li>one transaction: the milestone's read-model row locked (submissions for one milestone are serialised),
 * sequencing (409 NO_OPEN_MILESTONE, 422 SEQUENCE_ERROR, 409 MILESTONE_NOT_WAITING), sha256 (409 PROOF_DUPLICATE,
 * also from the UNIQUE index under concurrency), balance for an auto-approval (409 INSUFFICIENT_ESCROW_BALANCE,
 * nothing stored), proof row, audits INVOICE_OCR_RUN / AI_PROOF_ASSESSMENT / SUBMIT_PROOF, event through the
 * outbox.</li>
 * </ol>
 * Remote calls (OCR, EXIF fetch, AI) happen outside any transaction and hold no database connection.
 */
@ApplicationScoped
public class ProofSubmissionService {

    private static final Logger LOG = Logger.getLogger(ProofSubmissionService.class);

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

    @Inject
    ProofService proofs;

    @Inject
    OcrHook ocr;

    @Inject
    ExifCheck exif;

    @Inject
    AiAdvisor advisor;

    @Inject
    RemoteFiles files;

    @Inject
    ProofConfig config;

    /**
     * Validates, stores APPROVED (auto-approved photo) or PENDING (review) and emits the event.
     *
     * @throws ApiException the codes of {@code api.md#6.1}, in its order
     */
    public Uni<ProofRead> submit(Caller caller, ProofCreateRequest req) {
        Context context = Vertx.currentContext();
        return Panache.withSession(() -> locate(caller, req))
                .chain(milestone -> inspect(new Submission(req, milestone), context))
                .chain(s -> advise(s, context))
                .chain(s -> transactions.inTransaction(() -> store(caller, s)))
                .onFailure(UniqueViolations::isUniqueViolation).transform(e -> duplicate())
                .map(mapper::read);
    }

    private Uni<MilestoneView> locate(Caller caller, ProofCreateRequest req) {
        return proofs.visibleEscrow(caller, req.escrowId(), ErrorCodes.ESCROW_NOT_FOUND, "Escrow not found.")
                .chain(e -> MilestoneView.<MilestoneView>find("escrowId = ?1 and idx = ?2", req.escrowId(), req.milestoneIdx())
                        .<MilestoneView>firstResult())
                .chain(m -> m == null
                        ? Uni.createFrom().failure(ApiException.notFound("MILESTONE_NOT_FOUND", "Milestone not found for escrow."))
                        : Uni.createFrom().item(m));
    }

    /** Steps 2-6: OCR, invoice, photo rules or document checks. Fails with the 422s of the content. */
    private Uni<Submission> inspect(Submission s, Context context) {
        Uni<Void> ocrStep = Uni.createFrom().voidItem();
        if (s.document) {
            s.remoteCalled |= config.ocr().enabled();
            ocrStep = ocr.run(s.request.storageUrl()).invoke(r -> {
                s.ocr = r;
                OcrContract.merge(s.working, r);
            }).replaceWithVoid();
        }
        Uni<Void> photoStep = Uni.createFrom().voidItem();
        if (s.photoRules && exif.enabled()) {
            s.remoteCalled = true;
            photoStep = exif.fetch(s.request.storageUrl()).invoke(p -> s.photo = p).replaceWithVoid();
        }
        Uni<Void> photo = photoStep;
        return resume(ocrStep.chain(() -> photo), context, s.remoteCalled).map(v -> validate(s));
    }

    private Submission validate(Submission s) {
        s.invoice = InvoiceNormaliser.normalise(s.working);
        MilestoneView m = s.milestone;
        if (!s.photoRules) {
            s.backendChecks = DocumentChecks.compute(mapper.map(m.proofRequirements), s.working);
            s.working.put("backend_checks", s.backendChecks);
            s.auto = false;
            return s;
        }
        boolean metadataSent = s.request.metadata() != null;
        boolean exifMismatch = s.photo != null && exif.apply(s.working, s.photo, metadataSent);
        PhotoVerdict verdict = PhotoRules.evaluate(metadataSent ? s.working : null, m.geofence(), Instant.now(),
                config.geofenceToleranceM());
        if (verdict.outcome() == PhotoVerdict.Outcome.REJECT) {
            throw new ApiException(422, verdict.code(), verdict.message());
        }
        List<String> reasons = new ArrayList<>();
        if (verdict.outcome() == PhotoVerdict.Outcome.REVIEW) {
            reasons.add(verdict.code());
        }
        if (exifMismatch) {
            reasons.add(ExifCrossCheck.EXIF_MISMATCH);
        }
        if (!reasons.isEmpty()) {
            s.working.put("review_reason", reasons.get(0));
            s.working.put("review_reasons", reasons.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList());
        }
        s.auto = reasons.isEmpty();
        s.backendChecks = AiContext.photoChecks(metadataSent, m.geofence() != null, verdict);
        return s;
    }

    /** Step 7: the AI advisor (advisory; never fails the submission). */
    private Uni<Submission> advise(Submission s, Context context) {
        if (!advisor.enabled() || !s.wantsAdvice()) {
            return Uni.createFrom().item(s);
        }
        return Panache.withSession(() -> checkState(s.milestone, s.request.sha256(), s.auto))
                .chain(() -> resume(image(s)
                        .chain(image -> advisor.assess(AiContext.build(s.milestone.escrowId, s.milestone,
                                mapper.map(s.milestone.proofRequirements), s.invoice, s.backendChecks, s.request.type(),
                                s.request.storageUrl(), s.request.sha256(), s.working), image))
                        .invoke(a -> s.ai = a)
                        .onFailure().invoke(e -> LOG.errorf("AI advisor failed unexpectedly, proof kept without AI data: %s", e.toString()))
                        .onFailure().recoverWithNull(), context, true))
                .replaceWith(s);
    }

    private Uni<RemoteFiles.Fetched> image(Submission s) {
        if (!s.photoRules || !config.ai().includeImage()) {
            return Uni.createFrom().nullItem();
        }
        if (s.photoFile() != null) {
            return Uni.createFrom().item(s.photoFile());
        }
        return files.fetch(s.request.storageUrl()).onFailure().recoverWithNull();
    }

    /** Step 8-12 in one transaction. */
    private Uni<Proof> store(Caller caller, Submission s) {
        ProofCreateRequest req = s.request;
        return MilestoneView.<MilestoneView>find("milestoneId", s.milestone.milestoneId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).<MilestoneView>firstResult()
                .call(m -> checkState(m, req.sha256(), s.auto))
                .chain(m -> {
                    if (s.ai != null) {
                        s.working.put("ai_assessment", s.ai.toMap());
                    }
                    Proof p = new Proof();
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    p.escrowId = m.escrowId;
                    p.milestoneId = m.milestoneId;
                    p.type = req.type();
                    p.storageUrl = req.storageUrl();
                    p.sha256 = req.sha256();
                    p.metadata = mapper.json(s.working);
                    p.status = s.auto ? Proof.APPROVED : Proof.PENDING;
                    p.invoiceTotalAmount = s.invoice.totalAmount();
                    p.invoiceCurrency = s.invoice.currency();
                    if (s.ai != null) {
                        p.aiRiskLevel = s.ai.riskLevel();
                        p.aiScore = s.ai.scoreDecimal();
                        p.aiFlags = mapper.json(s.ai.flags());
                        p.aiExplanation = s.ai.explanation();
                        p.aiCheckedAt = now;
                    }
                    p.createdAt = now;
                    p.updatedAt = now;
                    return p.<Proof>persistAndFlush().call(saved -> audits(caller, s, saved))
                            .call(saved -> outbox.write(Topics.PROOF, String.valueOf(saved.escrowId),
                                    s.auto ? EventTypes.PROOF_APPROVED : EventTypes.PROOF_SUBMITTED,
                                    new ProofDecided(saved.id, saved.escrowId, saved.milestoneId, m.idx, s.auto,
                                            (String) s.working.get("review_reason")),
                                    caller.actor(), caller.requestId()));
                });
    }

    private Uni<Void> audits(Caller caller, Submission s, Proof p) {
        Uni<Void> ocrAudit = Uni.createFrom().voidItem();
        if (s.document) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("escrow_id", p.escrowId);
            data.put("milestone_id", p.milestoneId);
            data.put("ocr_status", s.working.get("ocr_status"));
            data.put("ocr_provider", s.working.get("ocr_provider"));
            ocrAudit = audit.record("invoice_ocr", "INVOICE_OCR_RUN", "Proof", p.id, data, caller.auditApiKeyId(), caller.requestId());
        }
        Uni<Void> aiAudit = Uni.createFrom().voidItem();
        if (s.ai != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("escrow_id", p.escrowId);
            data.put("milestone_id", p.milestoneId);
            data.put("proof_type", p.type);
            data.put("risk_level", s.ai.riskLevel());
            data.put("score", s.ai.scoreDecimal());
            data.put("flags", s.ai.flags());
            aiAudit = audit.record("ai_proof_advisor", "AI_PROOF_ASSESSMENT", "Proof", p.id, data, caller.auditApiKeyId(),
                    caller.requestId());
        }
        Uni<Void> aiStep = aiAudit;
        return ocrAudit.chain(() -> aiStep).chain(() -> audit.record(caller, "SUBMIT_PROOF", "Proof", p.id, submitted(s.request)));
    }

    /** Steps 8-10 of the checks: sequencing, duplicate, balance of an auto-approval. */
    private Uni<Void> checkState(MilestoneView m, String sha256, boolean auto) {
        return Proof.<Proof>list("escrowId", m.escrowId)
                .chain(list -> MilestoneView.<MilestoneView>list("escrowId", m.escrowId)
                        .invoke(views -> MilestoneSequencing.checkSubmittable(MilestoneSequencing.steps(views, list), m.idx)))
                .chain(() -> Proof.count("sha256", sha256))
                .chain(dupes -> {
                    if (dupes > 0) {
                        return Uni.createFrom().failure(duplicate());
                    }
                    return auto ? balance.requireCovered(m.escrowId, m.amount) : Uni.createFrom().voidItem();
                });
    }

    /** After a remote call, continue on the request's Vert.x context (Hibernate Reactive needs it). */
    private static <T> Uni<T> resume(Uni<T> uni, Context context, boolean remote) {
        return remote && context != null ? uni.emitOn(command -> context.runOnContext(v -> command.run())) : uni;
    }

    private static ApiException duplicate() {
        return ApiException.conflict("PROOF_DUPLICATE", "A proof with this sha256 already exists.");
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
}
