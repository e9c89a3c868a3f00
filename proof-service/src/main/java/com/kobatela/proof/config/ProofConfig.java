package com.kobatela.proof.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * proof-service settings ({@code kobatela.proof.*}; environment names in {@code application.properties}). Every
 * optional capability (EXIF fetch, OCR, AI advisor) is off by default (spec {@code rules.md#ocr}, {@code #ai},
 * {@code #config}); when off it creates no client and makes no call. Read at startup: a change needs a (rolling)
 * restart.
 */
@ConfigMapping(prefix = "kobatela.proof")
public interface ProofConfig {

    /** Extra metres allowed around a geofence ({@code PROOF_GEOFENCE_TOLERANCE_M}, spec {@code #photo-rules}). */
    @WithDefault("0")
    double geofenceToleranceM();

    /** Fetching proof files from their {@code storage_url} (EXIF reading, OCR, AI image). */
    Fetch fetch();

    /** EXIF reading of fetched photos. */
    Exif exif();

    /** Invoice OCR hook (spec {@code rules.md#ocr}). */
    Ocr ocr();

    /** AI proof advisor (spec {@code rules.md#ai}). */
    Ai ai();

    /** Download of a proof file. */
    interface Fetch {
        /** Whole-download timeout (connect, headers, body). */
        @WithDefault("5s")
        Duration timeout();

        /** Largest file accepted, bytes (a larger one is abandoned as soon as the limit is passed). */
        @WithDefault("10485760")
        int maxBytes();

        /**
         * Hosts a file may be fetched from: an exact host name, or {@code .example.com} for every sub-domain. Empty
         * (the default) allows none: partners' storage hosts must be listed (no request to arbitrary URLs).
         */
        Optional<List<String>> allowedHosts();

        /** Allow plain {@code http} URLs (tests, local stack); {@code https} only otherwise. */
        @WithDefault("false")
        boolean allowHttp();
    }

    /** EXIF reading. */
    interface Exif {
        /** Fetch photos of PHOTO milestones and read their EXIF DateTimeOriginal and GPS. */
        @WithDefault("false")
        boolean fetchEnabled();

        /** Distance in metres between the partner's GPS and the photo's beyond which the proof goes to review. */
        @WithDefault("50")
        double gpsMismatchM();

        /** Gap between the partner's {@code exif_timestamp} and the photo's beyond which the proof goes to review. */
        @WithDefault("2m")
        Duration timestampMismatch();
    }

    /** OCR hook. */
    interface Ocr {
        /** {@code INVOICE_OCR_ENABLED}. */
        @WithDefault("false")
        boolean enabled();

        /** {@code INVOICE_OCR_PROVIDER}: {@code mock} or {@code openai}; anything else is misconfigured. */
        @WithDefault("none")
        String provider();

        /** {@code INVOICE_OCR_API_KEY} (openai provider); never logged. */
        Optional<String> apiKey();

        /** Model of the openai provider (a vision model that reads the invoice). */
        @WithDefault("gpt-5.1-mini")
        String model();

        /** Base URL of the OpenAI-compatible API. */
        @WithDefault("https://api.openai.com/v1")
        String baseUrl();

        /** Timeout of one OCR call. */
        @WithDefault("20s")
        Duration timeout();

        /** Raw output of the mock provider (JSON object), validated like any provider's. */
        @WithDefault("{\"ocr_status\":\"success\",\"ocr_provider\":\"mock\"}")
        String mockResult();
    }

    /** AI advisor. */
    interface Ai {
        /** {@code AI_PROOF_ADVISOR_ENABLED}. */
        @WithDefault("false")
        boolean enabled();

        /** {@code AI_PROOF_ADVISOR_PROVIDER}: {@code openai} or {@code mock}. */
        @WithDefault("openai")
        String provider();

        /** {@code AI_PROOF_ADVISOR_MODEL}. */
        @WithDefault("gpt-5.1-mini")
        String model();

        /** {@code OPENAI_API_KEY}; never logged. */
        Optional<String> apiKey();

        /** Base URL of the OpenAI-compatible API. */
        @WithDefault("https://api.openai.com/v1")
        String baseUrl();

        /** Send the photo itself (inline bytes, never the storage URL) to the model, when it can be fetched. */
        @WithDefault("false")
        boolean includeImage();

        /** Output of the mock provider (JSON object), normalised like any provider's. */
        @WithDefault("{\"risk_level\":\"clean\",\"score\":0.9,\"flags\":[],\"explanation\":\"Analyse fictive (fournisseur mock).\"}")
        String mockResult();
    }
}
