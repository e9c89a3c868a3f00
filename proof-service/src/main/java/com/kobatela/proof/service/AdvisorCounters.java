package com.kobatela.proof.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the AI advisor and the OCR hook (spec {@code rules.md#ai}, {@code #ocr}; {@code api.md#1.1}
 * {@code ai_metrics}, {@code ocr_metrics}): per instance, exported to Prometheus
 * ({@code kobatela_proof_ai_calls_total}, {@code ..._ai_errors_total}, {@code ..._ai_failure_count},
 * {@code ..._ocr_calls_total}, {@code ..._ocr_errors_total}) and to the {@code proof-advisors} health check. The
 * durable record is the proof row and its {@code AI_PROOF_ASSESSMENT} / {@code INVOICE_OCR_RUN} audits.
 */
@ApplicationScoped
public class AdvisorCounters {

    private final AtomicLong aiCalls = new AtomicLong();
    private final AtomicLong aiErrors = new AtomicLong();
    private final AtomicLong aiFailureCount = new AtomicLong();
    private final AtomicLong ocrCalls = new AtomicLong();
    private final AtomicLong ocrErrors = new AtomicLong();

    @Inject
    AdvisorCounters(MeterRegistry registry) {
        FunctionCounter.builder("kobatela.proof.ai.calls", aiCalls, AtomicLong::get).register(registry);
        FunctionCounter.builder("kobatela.proof.ai.errors", aiErrors, AtomicLong::get).register(registry);
        Gauge.builder("kobatela.proof.ai.failure.count", aiFailureCount, AtomicLong::get)
                .description("consecutive failed AI advisor calls").register(registry);
        FunctionCounter.builder("kobatela.proof.ocr.calls", ocrCalls, AtomicLong::get).register(registry);
        FunctionCounter.builder("kobatela.proof.ocr.errors", ocrErrors, AtomicLong::get).register(registry);
    }

    /** An advisor call starts. */
    public void aiCall() {
        aiCalls.incrementAndGet();
    }

    /** An advisor call ended in a fallback; {@code failed} when it counts as a provider failure. */
    public void aiError(boolean failed) {
        aiErrors.incrementAndGet();
        if (failed) {
            aiFailureCount.incrementAndGet();
        }
    }

    /** An advisor call succeeded: the consecutive failure count restarts. */
    public void aiSuccess() {
        aiFailureCount.set(0);
    }

    /** An OCR run starts. */
    public void ocrCall() {
        ocrCalls.incrementAndGet();
    }

    /** An OCR run ended in {@code ocr_status: error}. */
    public void ocrError() {
        ocrErrors.incrementAndGet();
    }

    /** Advisor calls since start. */
    public long aiCalls() {
        return aiCalls.get();
    }

    /** Advisor calls that ended in a fallback. */
    public long aiErrors() {
        return aiErrors.get();
    }

    /** Consecutive failed provider calls (0 after a success). */
    public long aiFailureCount() {
        return aiFailureCount.get();
    }

    /** OCR runs since start (OCR enabled). */
    public long ocrCalls() {
        return ocrCalls.get();
    }

    /** OCR runs that ended in ocr_status error. */
    public long ocrErrors() {
        return ocrErrors.get();
    }
}
