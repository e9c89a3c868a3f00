package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** spec rules.md#document-checks, with its worked examples. */
class DocumentChecksTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(Map<String, Object> all, String name) {
        return (Map<String, Object>) all.get(name);
    }

    @Test
    void amountExamples() {
        Map<String, Object> same = check(DocumentChecks.compute(Map.of("expected_amount", "100.10"),
                Map.of("invoice_total_amount", "100.10")), "amount_check");
        assertEquals(true, same.get("amount_match"));
        assertEquals("0.00", same.get("absolute_diff"));

        Map<String, Object> diff = check(DocumentChecks.compute(Map.of("expected_amount", 90, "expected_currency", "EUR"),
                Map.of("invoice_total_amount", "120.50", "invoice_currency", "eur")), "amount_check");
        assertEquals(false, diff.get("amount_match"));
        assertEquals(true, diff.get("currency_match"));
        assertEquals("30.50", diff.get("absolute_diff"));
        assertEquals("0.3389", diff.get("relative_diff"));
    }

    @Test
    void missingInputsGiveNulls() {
        Map<String, Object> all = DocumentChecks.compute(null, Map.of());
        assertEquals(false, all.get("has_metadata"));
        assertNull(check(all, "amount_check").get("amount_match"));
        assertNull(check(all, "iban_check").get("match"));
        assertNull(check(all, "date_check").get("in_range"));
        assertNull(check(all, "supplier_check").get("exact_match"));
    }

    @Test
    void ibanDateSupplier() {
        Map<String, Object> all = DocumentChecks.compute(
                Map.of("expected_iban", "FR7612345678901234", "expected_date_min", "2030-01-01", "expected_date_max", "2030-01-31",
                        "expected_store_name", " Acme SARL "),
                Map.of("iban_last4", "1234", "invoice_date", "2030-02-02T10:00:00Z", "supplier_name", "acme sarl"));
        assertEquals(true, check(all, "iban_check").get("match"));
        assertEquals(false, check(all, "date_check").get("in_range"));
        assertEquals(32L, check(all, "date_check").get("days_from_min"));
        assertEquals(2L, check(all, "date_check").get("days_from_max"));
        assertEquals(true, check(all, "supplier_check").get("exact_match"));
    }
}
