package com.kobatela.proof.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.kobatela.kernel.audit.AuditSanitiser;

/**
 * What the AI advisor may see (spec {@code rules.md#ai-masking}), applied before any call to a provider:
 * {@code document_context.metadata} through a strict allow-list (sensitive keys redacted, others dropped);
 * sensitive keys of {@code mandate_context} and {@code backend_checks} redacted, others kept (numbers survive);
 * {@code document_context.storage_url} masked like the audit sanitiser. Every redacted or dropped key name is
 * listed in {@code _ai_redacted_keys}. Pure function.
 */
public final class AiMasking {

    /** The replacement of a redacted value. */
    public static final String REDACTED = "***redacted***";

    private static final Set<String> METADATA_ALLOWED = Set.of("invoice_total_amount", "invoice_currency", "invoice_number",
            "invoice_date", "supplier_country", "supplier_city", "beneficiary_city", "beneficiary_country", "gps_lat", "gps_lng",
            "gps_accuracy_m", "file_type", "file_mime_type", "file_pages", "status", "ocr_status", "ocr_provider");
    private static final List<String> SENSITIVE = List.of("iban", "account", "email", "phone", "tel", "addr", "ssn", "nif", "id_",
            "ident", "passport");

    private AiMasking() {
    }

    /**
     * Sanitises an advisor context {@code {mandate_context, backend_checks, document_context}}.
     *
     * @return a new map; the input is not changed
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> sanitise(Map<String, ?> context) {
        Set<String> redacted = new TreeSet<>();
        Map<String, Object> out = new LinkedHashMap<>();
        context.forEach((k, v) -> {
            if ("document_context".equals(k) && v instanceof Map<?, ?> doc) {
                out.put(k, document((Map<String, Object>) doc, redacted));
            } else if (v instanceof Map<?, ?> m) {
                out.put(k, redactSensitive((Map<String, Object>) m, redacted));
            } else {
                out.put(k, v);
            }
        });
        out.put("_ai_redacted_keys", new ArrayList<>(redacted));
        return out;
    }

    /** True when a key name is sensitive (case-insensitive substring match). */
    public static boolean sensitive(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SENSITIVE.stream().anyMatch(k::contains);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(Map<String, Object> doc, Set<String> redacted) {
        Map<String, Object> out = new LinkedHashMap<>();
        doc.forEach((k, v) -> {
            if ("metadata".equals(k)) {
                out.put(k, v instanceof Map<?, ?> m ? metadata((Map<String, Object>) m, redacted) : null);
            } else if ("storage_url".equals(k)) {
                out.put(k, AuditSanitiser.sanitise(java.util.Collections.singletonMap("storage_url", v)).get("storage_url"));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<String, Object> metadata(Map<String, Object> md, Set<String> redacted) {
        Map<String, Object> out = new LinkedHashMap<>();
        md.forEach((k, v) -> {
            if (METADATA_ALLOWED.contains(k)) {
                out.put(k, "invoice_currency".equals(k) && v instanceof String s ? s.strip().toUpperCase(Locale.ROOT) : v);
            } else if (sensitive(k)) {
                out.put(k, REDACTED);
                redacted.add(k);
            } else {
                redacted.add(k);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> redactSensitive(Map<String, Object> m, Set<String> redacted) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (sensitive(k)) {
                out.put(k, REDACTED);
                redacted.add(k);
            } else if (v instanceof Map<?, ?> nested) {
                out.put(k, redactSensitive((Map<String, Object>) nested, redacted));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
