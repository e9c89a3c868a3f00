package com.kobatela.proof.service;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.kobatela.proof.client.RemoteFiles;
import com.kobatela.proof.domain.AiAssessment;
import com.kobatela.proof.domain.InvoiceNormaliser;
import com.kobatela.proof.domain.MilestoneView;
import com.kobatela.proof.rest.ProofCreateRequest;

/**
 * The state of one {@code POST /proofs} between the pipeline's steps (spec {@code rules.md#proofs}): the
 * milestone it targets, the working metadata, the normalised invoice, whether it is auto-approved, and what the
 * OCR hook, the EXIF check and the AI advisor produced. Not shared between requests.
 */
final class Submission {

    private static final Set<String> DOCUMENT_TYPES = Set.of("PDF", "INVOICE", "CONTRACT");

    final ProofCreateRequest request;
    final MilestoneView milestone;
    final Map<String, Object> working;
    final boolean document;
    final boolean photoRules;
    Map<String, Object> ocr;
    ExifCheck.Photo photo;
    InvoiceNormaliser.Invoice invoice;
    Map<String, Object> backendChecks;
    boolean auto;
    AiAssessment ai;
    boolean remoteCalled;

    Submission(ProofCreateRequest request, MilestoneView milestone) {
        this.request = request;
        this.milestone = milestone;
        this.working = ProofMapper.working(request.metadata());
        this.document = DOCUMENT_TYPES.contains(request.type().strip().toUpperCase(Locale.ROOT));
        this.photoRules = "PHOTO".equalsIgnoreCase(milestone.proofType);
    }

    /** The photo bytes, when the EXIF check fetched them. */
    RemoteFiles.Fetched photoFile() {
        return photo == null ? null : photo.file();
    }

    /** True when the AI advisor runs for this proof: PHOTO milestones only when auto-approved, others always. */
    boolean wantsAdvice() {
        return !photoRules || auto;
    }
}
