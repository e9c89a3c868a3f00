package com.kobatela.proof.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OCR result contract and its merge into a proof's metadata (spec {@code rules.md#ocr}). A provider's raw
 * output is validated here: {@code ocr_status} a non-blank string (required), {@code ocr_provider} a string,
 * {@code total_amount} a decimal (number or numeric text, kept as a 2-decimal string), {@code currency},
 * {@code invoice_number}, {@code invoice_date}, {@code supplier_name} strings, {@code iban_last4} exactly four
 * characters after trimming; anything else makes the whole result an error with every field null. The currency
 * is kept as written: like a partner's value, it is judged by the invoice normaliser (so {@code "usd4"} read by
 * OCR on an invoice without user data gives 422 INVOICE_NORMALIZATION_ERROR, acceptance AC-064). Pure functions.
 */
public final class OcrContract {

    /** {@code ocr_status} values of the platform (spec {@code domain.md#8}). */
    public static final String DISABLED = "disabled";
    public static final String SUCCESS = "success";
    public static final String ERROR = "error";

    private OcrContract() {
    }

    /** The result when OCR is off. */
    public static Map<String, Object> disabled() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ocr_status", DISABLED);
        r.put("ocr_provider", DISABLED);
        r.put("total_amount", null);
        r.put("currency", null);
        return r;
    }

    /**
     * An error result: every field null.
     *
     * @param provider the configured provider name, null for {@code unknown}
     * @param reason   short lower_snake_case cause ({@code fetch_timeout}, {@code invalid_output}, ...)
     */
    public static Map<String, Object> error(String provider, String reason) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ocr_status", ERROR);
        r.put("ocr_provider", provider == null || provider.isBlank() ? "unknown" : provider);
        for (String k : new String[] {"total_amount", "currency", "invoice_number", "invoice_date", "iban_last4", "supplier_name"}) {
            r.put(k, null);
        }
        r.put("ocr_error", reason);
        return r;
    }

    /**
     * Validates a provider's raw output.
     *
     * @param provider the configured provider name
     * @param raw      what the provider returned (a JSON object as a map), may be anything
     * @return the validated result, or {@link #error} with reason {@code invalid_output}
     */
    public static Map<String, Object> validate(String provider, Object raw) {
        if (!(raw instanceof Map<?, ?> m) || !(m.get("ocr_status") instanceof String status) || status.isBlank()) {
            return error(provider, "invalid_output");
        }
        Object name = m.get("ocr_provider");
        if (name != null && !(name instanceof String)) {
            return error(provider, "invalid_output");
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ocr_status", status.strip().toLowerCase(java.util.Locale.ROOT));
        r.put("ocr_provider", name == null || ((String) name).isBlank() ? provider : ((String) name).strip());
        Object amount = m.get("total_amount");
        BigDecimal total = amount == null ? null : InvoiceNormaliser.amount(amount);
        if (amount != null && total == null) {
            return error(provider, "invalid_output");
        }
        r.put("total_amount", total == null ? null : total.toPlainString());
        for (String k : new String[] {"currency", "invoice_number", "invoice_date", "supplier_name"}) {
            Object v = m.get(k);
            if (v != null && !(v instanceof String) && !("invoice_number".equals(k) && v instanceof Number)) {
                return error(provider, "invalid_output");
            }
            r.put(k, v == null || v.toString().isBlank() ? null : v.toString().strip());
        }
        Object iban = m.get("iban_last4");
        if (iban != null && (!(iban instanceof String s) || s.strip().length() != 4)) {
            return error(provider, "invalid_output");
        }
        r.put("iban_last4", iban == null ? null : ((String) iban).strip());
        return r;
    }

    /**
     * Merges a result into the working metadata: OCR never overwrites user data. {@code ocr_status} and
     * {@code ocr_provider} only when absent, {@code invoice_total_amount} / {@code invoice_currency} from
     * {@code total_amount} / {@code currency} only when the metadata value is absent or null; the full result goes
     * to {@code ocr_raw}.
     */
    public static void merge(Map<String, Object> working, Map<String, Object> result) {
        working.putIfAbsent("ocr_status", result.get("ocr_status"));
        working.putIfAbsent("ocr_provider", result.get("ocr_provider"));
        if (working.get("invoice_total_amount") == null && result.get("total_amount") != null) {
            working.put("invoice_total_amount", result.get("total_amount"));
        }
        if (working.get("invoice_currency") == null && result.get("currency") != null) {
            working.put("invoice_currency", result.get("currency"));
        }
        working.put("ocr_raw", result);
    }
}
