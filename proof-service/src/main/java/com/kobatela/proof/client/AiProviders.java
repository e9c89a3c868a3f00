package com.kobatela.proof.client;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kobatela.proof.config.ProofConfig;

import io.smallrye.mutiny.Uni;

/**
 * The AI advisor's providers (spec {@code rules.md#ai}): {@code openai} (an OpenAI-compatible chat API through the
 * Quarkus REST client) and {@code mock} (NEW, audit 002 P2: returns {@code kobatela.proof.ai.mock-result}, for tests
 * and end-to-end runs). They receive the context already sanitised ({@code #ai-masking}) and, when allowed, the
 * photo as inline bytes (never its storage URL).
 */
@ApplicationScoped
public class AiProviders {

    /** Provider names this build knows. */
    public static final Set<String> KNOWN = Set.of("openai", "mock");

    static final String SYSTEM = """
            Tu es l'assistant de vérification des justificatifs de Kobatela, une plateforme de séquestre. Tu reçois un \
            contexte JSON (mandate_context: l'étape attendue; backend_checks: contrôles automatiques; document_context: \
            le justificatif, données sensibles masquées) et parfois l'image du justificatif. Tu ne décides jamais: tu \
            donnes un avis à un vérificateur humain. Réponds uniquement par un objet JSON de la forme \
            {"risk_level": "clean"|"warning"|"suspect", "score": nombre de 0.0 à 1.0 (plus haut = plus sûr; clean \
            0.75-1.0, warning 0.40-0.80, suspect 0.0-0.45), "flags": [codes courts en lower_snake_case, par exemple \
            gps_ok, gps_missing, invoice_amount_match, invoice_amount_mismatch_large, supplier_name_mismatch, \
            iban_mismatch, duplicate_hash, invoice_unreadable, missing_required_field], "explanation": 2 à 8 phrases \
            en français}.""";

    @Inject
    ProofConfig config;

    @Inject
    ObjectMapper mapper;

    private final Lazy<OpenAiChat> chat = new Lazy<>(() -> {
        ProofConfig.Ai ai = config.ai();
        return new OpenAiChat(ai.baseUrl(), ai.apiKey().orElse(""), ai.model(), java.time.Duration.ofSeconds(30), mapper);
    });

    /**
     * Asks the configured provider for an assessment.
     *
     * @param sanitisedContext the context after {@code AiMasking}
     * @param image            the photo to show the model, or null
     * @return the raw answer (normalised by the caller); fails on any provider error
     */
    public Uni<Map<String, Object>> ask(Map<String, Object> sanitisedContext, RemoteFiles.Fetched image) {
        ProofConfig.Ai ai = config.ai();
        if ("mock".equals(ai.provider())) {
            return Uni.createFrom().item(() -> OpenAiChat.parseObject(mapper, ai.mockResult(), "kobatela.proof.ai.mock-result"));
        }
        String context;
        try {
            context = mapper.writeValueAsString(sanitisedContext);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("context not serialisable"));
        }
        OpenAiChat c = chat.get();
        ObjectNode[] parts = image == null ? new ObjectNode[0] : new ObjectNode[] {c.inlineFile(image.bytes(), image.contentType())};
        return c.askJson(SYSTEM, context, parts);
    }

    /** True once the REST client of the openai provider exists (created by its first call only). */
    public boolean clientCreated() {
        return chat.created();
    }
}
