package com.kobatela.proof.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.kobatela.proof.client.OcrProviders;
import com.kobatela.proof.client.RemoteFiles;
import com.kobatela.proof.config.ProofConfig;
import com.kobatela.proof.domain.OcrContract;

import io.smallrye.mutiny.Uni;

/**
 * The invoice OCR hook of {@code POST /proofs} for PDF/INVOICE/CONTRACT proofs (spec {@code rules.md#ocr}). Off
 * ({@code INVOICE_OCR_ENABLED=false}, the default): the {@code disabled} result, no call, no client. On: the document
 * is fetched from its {@code storage_url} (when the provider reads it), the provider's output is validated against
 * the contract, and any problem (unknown provider, missing key, fetch failure, timeout, provider error, invalid
 * output) gives {@code ocr_status: error} with a reason: OCR never blocks a proof.
 */
@ApplicationScoped
public class OcrHook {

    private static final Logger LOG = Logger.getLogger(OcrHook.class);

    @Inject
    ProofConfig config;

    @Inject
    OcrProviders providers;

    @Inject
    RemoteFiles files;

    @Inject
    AdvisorCounters counters;

    /** True when OCR is enabled with a provider this build cannot run (reported by the health check). */
    public boolean misconfigured() {
        ProofConfig.Ocr ocr = config.ocr();
        return ocr.enabled() && (!OcrProviders.KNOWN.contains(ocr.provider())
                || ("openai".equals(ocr.provider()) && ocr.apiKey().filter(k -> !k.isBlank()).isEmpty()));
    }

    /**
     * Runs OCR on a document.
     *
     * @return the contract result (never fails)
     */
    public Uni<Map<String, Object>> run(String storageUrl) {
        ProofConfig.Ocr ocr = config.ocr();
        if (!ocr.enabled()) {
            return Uni.createFrom().item(OcrContract.disabled());
        }
        counters.ocrCall();
        String provider = ocr.provider();
        Uni<Map<String, Object>> result;
        if (!OcrProviders.KNOWN.contains(provider)) {
            result = Uni.createFrom().item(OcrContract.error(provider, "unknown_provider"));
        } else if (misconfigured()) {
            result = Uni.createFrom().item(OcrContract.error(provider, "missing_api_key"));
        } else {
            Uni<RemoteFiles.Fetched> document = providers.needsDocument(provider)
                    ? files.fetch(storageUrl)
                    : Uni.createFrom().nullItem();
            result = document
                    .onFailure(RemoteFiles.FetchException.class)
                    .transform(e -> new OcrFailure("fetch_" + ((RemoteFiles.FetchException) e).reason()))
                    .chain(providers::extract)
                    .ifNoItem().after(ocr.timeout()).failWith(() -> new OcrFailure("timeout"))
                    .map(raw -> OcrContract.validate(provider, raw))
                    .onFailure().recoverWithItem(e -> OcrContract.error(provider,
                            e instanceof OcrFailure f ? f.getMessage() : "provider_error"));
        }
        return result.invoke(r -> {
            if (OcrContract.ERROR.equals(r.get("ocr_status"))) {
                counters.ocrError();
            }
            LOG.infof("invoice OCR: status=%s provider=%s%s", r.get("ocr_status"), r.get("ocr_provider"),
                    r.get("ocr_error") == null ? "" : " reason=" + r.get("ocr_error"));
        });
    }

    /** A failure whose message is a safe reason code. */
    static final class OcrFailure extends RuntimeException {
        OcrFailure(String reason) {
            super(reason, null, false, false);
        }
    }
}
