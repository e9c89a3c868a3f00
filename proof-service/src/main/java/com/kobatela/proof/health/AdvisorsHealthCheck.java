package com.kobatela.proof.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

import com.kobatela.proof.config.ProofConfig;
import com.kobatela.proof.service.AdvisorCounters;
import com.kobatela.proof.service.AiAdvisor;
import com.kobatela.proof.service.OcrHook;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.Wellness;

/**
 * {@code proof-advisors} health check (wellness group, {@code /q/health/well}; also part of {@code /q/health}): DOWN
 * when OCR is enabled with an unknown provider or without its key, or the AI advisor is enabled without a usable
 * provider or key (spec {@code rules.md#ocr} FIX OCR-1, {@code #ai} FIX IA-2; acceptance AC-072). Not a readiness
 * check on purpose: proofs are still accepted ({@code ocr_status: error}, AI fallback). Data: flags and the counters
 * of {@code api.md#1.1} ({@code ai_metrics}, {@code ocr_metrics}).
 */
@Wellness
@ApplicationScoped
public class AdvisorsHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(AdvisorsHealthCheck.class);

    @Inject
    ProofConfig config;

    @Inject
    OcrHook ocr;

    @Inject
    AiAdvisor ai;

    @Inject
    AdvisorCounters counters;

    /** Says at startup, without any secret, what is misconfigured (the service still starts and accepts proofs). */
    void onStart(@Observes StartupEvent event) {
        if (ocr.misconfigured()) {
            LOG.warnf("INVOICE_OCR_ENABLED with provider '%s' that cannot run (known: mock, openai; openai needs INVOICE_OCR_API_KEY): "
                    + "proofs get ocr_status=error", config.ocr().provider());
        }
        if (ai.misconfigured()) {
            LOG.warnf("AI_PROOF_ADVISOR_ENABLED with provider '%s' that cannot run (known: openai, mock; openai needs OPENAI_API_KEY): "
                    + "proofs get the fallback assessment", config.ai().provider());
        }
    }

    @Override
    public HealthCheckResponse call() {
        boolean ocrBad = ocr.misconfigured();
        boolean aiBad = ai.misconfigured();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("proof-advisors").status(!ocrBad && !aiBad)
                .withData("ocr_enabled", config.ocr().enabled())
                .withData("ocr_status", !config.ocr().enabled() ? "disabled" : ocrBad ? "misconfigured" : "ok")
                .withData("ocr_calls", counters.ocrCalls())
                .withData("ocr_errors", counters.ocrErrors())
                .withData("ai_proof_enabled", config.ai().enabled())
                .withData("ai_status", !config.ai().enabled() ? "disabled" : aiBad ? "misconfigured" : "ok")
                .withData("ai_calls", counters.aiCalls())
                .withData("ai_errors", counters.aiErrors())
                .withData("ai_failure_count", counters.aiFailureCount())
                .withData("ai_circuit_open", config.ai().enabled() && ai.circuitOpen())
                .withData("exif_fetch_enabled", config.exif().fetchEnabled());
        return b.build();
    }
}
