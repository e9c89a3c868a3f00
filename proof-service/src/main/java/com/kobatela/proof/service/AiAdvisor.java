package com.kobatela.proof.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.kobatela.proof.client.AiGuard;
import com.kobatela.proof.client.AiProviders;
import com.kobatela.proof.client.RemoteFiles;
import com.kobatela.proof.config.ProofConfig;
import com.kobatela.proof.domain.AiAssessment;
import com.kobatela.proof.domain.AiMasking;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;

/**
 * The AI proof advisor (spec {@code rules.md#ai}): advisory only, it never approves, rejects, blocks or fails a
 * submission. The context is sanitised before any call ({@code #ai-masking}); calls go through {@link AiGuard}
 * (2 attempts, timeout, circuit breaker with half-open retry); every failure becomes the fallback result
 * ({@code warning}, 0.5, flags {@code ai_unavailable} + reason). The proof pipeline calls it only when enabled.
 */
@ApplicationScoped
public class AiAdvisor {

    private static final Logger LOG = Logger.getLogger(AiAdvisor.class);

    @Inject
    ProofConfig config;

    @Inject
    AiGuard guard;

    @Inject
    AiProviders providers;

    @Inject
    AdvisorCounters counters;

    @Inject
    CircuitBreakerMaintenance breakers;

    /** {@code AI_PROOF_ADVISOR_ENABLED}. */
    public boolean enabled() {
        return config.ai().enabled();
    }

    /** True when the advisor is enabled but cannot call its provider (unknown provider, missing API key). */
    public boolean misconfigured() {
        return enabled() && unusable() != null;
    }

    /** True when the circuit breaker currently short-circuits calls. */
    public boolean circuitOpen() {
        try {
            return breakers.currentState(AiGuard.NAME) == CircuitBreakerState.OPEN;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Assesses a proof.
     *
     * @param context {@code {mandate_context, backend_checks, document_context}} (unsanitised)
     * @param image   the photo to show the model (inline bytes) or null
     * @return the normalised assessment or a fallback (never fails)
     */
    public Uni<AiAssessment> assess(java.util.Map<String, Object> context, RemoteFiles.Fetched image) {
        counters.aiCall();
        if (!enabled()) {
            return fallback(AiAssessment.AI_DISABLED, false);
        }
        String unusable = unusable();
        if (unusable != null) {
            return fallback(unusable, false);
        }
        java.util.Map<String, Object> sanitised = AiMasking.sanitise(context);
        return guard.call(() -> providers.ask(sanitised, image))
                .map(AiAssessment::normalise)
                .invoke(a -> counters.aiSuccess())
                .onFailure(CircuitBreakerOpenException.class).recoverWithUni(e -> fallback(AiAssessment.CIRCUIT_BREAKER_OPEN, false))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("AI advisor call failed after retries: %s", e.getClass().getSimpleName());
                    return fallback(AiAssessment.RETRIES_EXHAUSTED, true);
                });
    }

    private String unusable() {
        ProofConfig.Ai ai = config.ai();
        if (!AiProviders.KNOWN.contains(ai.provider())) {
            return AiAssessment.MISSING_SDK;
        }
        if ("openai".equals(ai.provider()) && ai.apiKey().filter(k -> !k.isBlank()).isEmpty()) {
            return AiAssessment.MISSING_API_KEY;
        }
        return null;
    }

    private Uni<AiAssessment> fallback(String reason, boolean providerFailed) {
        counters.aiError(providerFailed);
        return Uni.createFrom().item(AiAssessment.fallback(reason));
    }
}
