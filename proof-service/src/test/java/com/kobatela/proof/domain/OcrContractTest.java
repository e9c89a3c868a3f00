package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** spec rules.md#ocr contract and merge; acceptance AC-064, AC-065. */
class OcrContractTest {

    @Test
    void disabledResult() {
        Map<String, Object> r = OcrContract.disabled();
        assertEquals("disabled", r.get("ocr_status"));
        assertEquals("disabled", r.get("ocr_provider"));
        assertNull(r.get("total_amount"));
        assertNull(r.get("currency"));
    }

    @Test
    void invalidOutputIsAnErrorWithEveryFieldNull() {
        Map<String, Object> raw = new HashMap<>(Map.of("ocr_status", 123, "total_amount", "not-a-number", "currency", "EURO"));
        Map<String, Object> r = OcrContract.validate("mock", raw);
        assertEquals("error", r.get("ocr_status"));
        assertEquals("mock", r.get("ocr_provider"));
        assertNull(r.get("total_amount"));
        assertNull(r.get("currency"));
        assertEquals("error", OcrContract.validate("mock", Map.of("ocr_status", "success", "total_amount", "abc")).get("ocr_status"));
        assertEquals("error", OcrContract.validate("mock", Map.of("ocr_status", "success", "iban_last4", "12345")).get("ocr_status"));
        assertEquals("error", OcrContract.validate("mock", Map.of("ocr_status", "success", "currency", 978)).get("ocr_status"));
        assertEquals("error", OcrContract.validate("mock", "not an object").get("ocr_status"));
        assertEquals("unknown", OcrContract.validate(null, null).get("ocr_provider"));
    }

    @Test
    void validOutputIsNormalised() {
        Map<String, Object> r = OcrContract.validate("mock", Map.of("ocr_status", "Success", "total_amount", new BigDecimal("321"),
                "currency", " eur ", "iban_last4", " 1234 ", "invoice_number", 42));
        assertEquals("success", r.get("ocr_status"));
        assertEquals("mock", r.get("ocr_provider"));
        assertEquals("321.00", r.get("total_amount"));
        assertEquals("eur", r.get("currency"), "kept as written; the invoice normaliser judges it");
        assertEquals("1234", r.get("iban_last4"));
        assertEquals("42", r.get("invoice_number"));
    }

    @Test
    void ocrFillsOnlyMissingUserFields() {
        Map<String, Object> empty = new HashMap<>();
        Map<String, Object> ocr = OcrContract.validate("mock", Map.of("ocr_status", "success", "total_amount", 321.00, "currency", "eur"));
        OcrContract.merge(empty, ocr);
        assertEquals("321.00", empty.get("invoice_total_amount"));
        assertEquals("eur", empty.get("invoice_currency"));
        assertEquals("success", empty.get("ocr_status"));
        assertEquals(ocr, empty.get("ocr_raw"));
        assertEquals(new InvoiceNormaliser.Invoice(new BigDecimal("321.00"), "EUR"), InvoiceNormaliser.normalise(empty));

        Map<String, Object> user = new HashMap<>(Map.of("invoice_total_amount", "150.50", "invoice_currency", "gbp", "ocr_status", "manual"));
        OcrContract.merge(user, OcrContract.validate("mock", Map.of("ocr_status", "success", "total_amount", "999.99", "currency", "eur")));
        assertEquals("150.50", user.get("invoice_total_amount"));
        assertEquals("gbp", user.get("invoice_currency"));
        assertEquals("manual", user.get("ocr_status"), "never overwrites user data");
        assertEquals("999.99", ((Map<?, ?>) user.get("ocr_raw")).get("total_amount"));
        assertEquals("eur", ((Map<?, ?>) user.get("ocr_raw")).get("currency"));
    }

    @Test
    void errorCarriesItsReason() {
        Map<String, Object> r = OcrContract.error("openai", "fetch_timeout");
        assertEquals("error", r.get("ocr_status"));
        assertEquals("openai", r.get("ocr_provider"));
        assertEquals("fetch_timeout", r.get("ocr_error"));
    }
}
