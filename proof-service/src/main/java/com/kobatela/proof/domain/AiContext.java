package com.kobatela.proof.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.kobatela.kernel.money.Amounts;

/**
 * The context the AI advisor receives, before sanitising (spec {@code rules.md#ai}): {@code mandate_context}
 * (what the milestone expects), {@code backend_checks} (photo: has_metadata, geofence_configured, validation_ok,
 * validation_reason; other proofs: the document checks) and {@code document_context} (type, storage_url, sha256,
 * metadata). {@link AiMasking} decides what actually leaves. Pure function.
 */
public final class AiContext {

    private AiContext() {
    }

    /**
     * Builds the context.
     *
     * @param escrowId      escrow id
     * @param milestone     the milestone read model
     * @param requirements  the milestone's proof requirements (may be null)
     * @param invoice       the normalised invoice facts
     * @param backendChecks the backend checks (see above)
     * @param type          proof type as submitted
     * @param storageUrl    storage URL (masked by {@link AiMasking})
     * @param sha256        file hash
     * @param metadata      working metadata
     */
    public static Map<String, Object> build(long escrowId, MilestoneView milestone, Map<String, Object> requirements,
            InvoiceNormaliser.Invoice invoice, Map<String, Object> backendChecks, String type, String storageUrl, String sha256,
            Map<String, Object> metadata) {
        Map<String, Object> mandate = new LinkedHashMap<>();
        mandate.put("escrow_id", escrowId);
        mandate.put("milestone_idx", milestone.idx);
        mandate.put("milestone_label", milestone.label);
        mandate.put("milestone_amount", Amounts.format(milestone.amount));
        mandate.put("proof_type", milestone.proofType);
        mandate.put("proof_requirements", requirements == null ? Map.of() : requirements);
        mandate.put("invoice_total_amount", money(invoice.totalAmount()));
        mandate.put("invoice_currency", invoice.currency());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", type);
        document.put("storage_url", storageUrl);
        document.put("sha256", sha256);
        document.put("metadata", metadata);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("mandate_context", mandate);
        context.put("backend_checks", backendChecks);
        context.put("document_context", document);
        return context;
    }

    /** Photo backend checks of an auto-approved photo (the only photos the advisor sees). */
    public static Map<String, Object> photoChecks(boolean hasMetadata, boolean geofenceConfigured, PhotoVerdict verdict) {
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("has_metadata", hasMetadata);
        checks.put("geofence_configured", geofenceConfigured);
        checks.put("validation_ok", verdict.outcome() == PhotoVerdict.Outcome.APPROVE);
        checks.put("validation_reason", verdict.code());
        return checks;
    }

    private static String money(BigDecimal v) {
        return v == null ? null : Amounts.format(v);
    }
}
