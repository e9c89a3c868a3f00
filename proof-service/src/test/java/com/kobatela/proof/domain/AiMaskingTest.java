package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** spec rules.md#ai-masking; acceptance AC-071. */
class AiMaskingTest {

    @Test
    @SuppressWarnings("unchecked")
    void ac071() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("invoice_total_amount", 100);
        metadata.put("invoice_currency", "eur");
        metadata.put("iban_full", "FR7612345678901234");
        metadata.put("email", "a@b.com");
        metadata.put("custom_field", "SECRET");
        metadata.put("supplier_tax_id", "X-123");
        metadata.put("gps_lat", 5.0);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("mandate_context", Map.of("beneficiary_iban", "FR76...", "email", "x@y.z", "mandate_amount", "100.00",
                "mandate_currency", "EUR", "proof_requirements", Map.of("expected_iban", "FR7612", "expected_amount", 100)));
        context.put("backend_checks", Map.of("phone_number", "+33612345678", "address", "1 rue X", "distance", 12.5,
                "date_diff_days", 3, "duplicate_hash", false));
        context.put("document_context", Map.of("type", "PDF", "storage_url", "https://files.example.com/proofs/abc.pdf?token=s3cr3t",
                "sha256", "h", "metadata", metadata));

        Map<String, Object> out = AiMasking.sanitise(context);
        Map<String, Object> mandate = (Map<String, Object>) out.get("mandate_context");
        assertEquals("***redacted***", mandate.get("beneficiary_iban"));
        assertEquals("***redacted***", mandate.get("email"));
        assertEquals("100.00", mandate.get("mandate_amount"));
        assertEquals("EUR", mandate.get("mandate_currency"));
        assertEquals("***redacted***", ((Map<String, Object>) mandate.get("proof_requirements")).get("expected_iban"));
        assertEquals(100, ((Map<String, Object>) mandate.get("proof_requirements")).get("expected_amount"));
        Map<String, Object> checks = (Map<String, Object>) out.get("backend_checks");
        assertEquals("***redacted***", checks.get("phone_number"));
        assertEquals("***redacted***", checks.get("address"));
        assertEquals(12.5, checks.get("distance"));
        assertEquals(3, checks.get("date_diff_days"));
        assertEquals(false, checks.get("duplicate_hash"));
        Map<String, Object> doc = (Map<String, Object>) out.get("document_context");
        assertEquals("https://files.example.com/proofs/***", doc.get("storage_url"), "storage URL masked, token gone");
        Map<String, Object> md = (Map<String, Object>) doc.get("metadata");
        assertEquals(100, md.get("invoice_total_amount"));
        assertEquals("EUR", md.get("invoice_currency"));
        assertEquals("***redacted***", md.get("iban_full"));
        assertEquals("***redacted***", md.get("email"));
        assertFalse(md.containsKey("custom_field"));
        assertFalse(md.containsKey("supplier_tax_id"), "no sensitive pattern (id_ needs the underscore after): dropped");
        assertEquals(5.0, md.get("gps_lat"));
        List<String> redacted = (List<String>) out.get("_ai_redacted_keys");
        assertTrue(redacted.containsAll(List.of("iban_full", "email", "custom_field", "beneficiary_iban", "phone_number", "address")));
        assertFalse(redacted.contains("gps_lat"));
    }

    @Test
    void inputIsNotChanged() {
        Map<String, Object> md = new LinkedHashMap<>(Map.of("email", "a@b.com"));
        Map<String, Object> context = new LinkedHashMap<>(Map.of("document_context", new LinkedHashMap<>(Map.of("metadata", md))));
        AiMasking.sanitise(context);
        assertEquals("a@b.com", md.get("email"));
    }
}
