package com.kobatela.proof.client;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.proof.config.ProofConfig;

import io.smallrye.mutiny.Uni;

/**
 * The OCR hook's providers (spec {@code rules.md#ocr}): {@code openai} (a vision model of an OpenAI-compatible API
 * reads the fetched document, sent inline) and {@code mock} (returns {@code kobatela.proof.ocr.mock-result}, for
 * tests; needs no document). Any other name is unknown: the hook reports it and answers {@code ocr_status: error}.
 * Outputs are raw: {@code OcrContract} validates them.
 */
@ApplicationScoped
public class OcrProviders {

    /** Provider names this build knows. */
    public static final Set<String> KNOWN = Set.of("openai", "mock");

    static final String SYSTEM = """
            You read invoices for an escrow platform. Extract from the attached document and answer only with a JSON \
            object {"ocr_status": "success" or "error", "total_amount": the invoice total as a number or null, \
            "currency": ISO 4217 code or null, "invoice_number": string or null, "invoice_date": YYYY-MM-DD or null, \
            "iban_last4": the last 4 characters of the payee IBAN or null, "supplier_name": string or null}. Use \
            "error" when the document is not a readable invoice. Never invent a value.""";

    @Inject
    ProofConfig config;

    @Inject
    ObjectMapper mapper;

    private final Lazy<OpenAiChat> chat = new Lazy<>(() -> {
        ProofConfig.Ocr ocr = config.ocr();
        return new OpenAiChat(ocr.baseUrl(), ocr.apiKey().orElse(""), ocr.model(), ocr.timeout(), mapper);
    });

    /** True when the provider reads the document itself (it must be fetched first). */
    public boolean needsDocument(String provider) {
        return "openai".equals(provider);
    }

    /**
     * Runs the configured provider.
     *
     * @param document the fetched document, or null when {@link #needsDocument} is false
     * @return its raw output; fails on any provider error
     */
    public Uni<Object> extract(RemoteFiles.Fetched document) {
        ProofConfig.Ocr ocr = config.ocr();
        if ("mock".equals(ocr.provider())) {
            return Uni.createFrom().item(() -> OpenAiChat.parseObject(mapper, ocr.mockResult(), "kobatela.proof.ocr.mock-result"));
        }
        OpenAiChat c = chat.get();
        return c.askJson(SYSTEM, "Extract the invoice fields.", c.inlineFile(document.bytes(), document.contentType()))
                .map(m -> (Object) m);
    }

    /** True once the REST client of the openai provider exists (created by its first call only). */
    public boolean clientCreated() {
        return chat.created();
    }
}
