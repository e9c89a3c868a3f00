package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kobatela.kernel.error.ApiException;

/** spec rules.md#invoice. */
class InvoiceNormaliserTest {

    @Test
    void normalisesAmountAndCurrency() {
        InvoiceNormaliser.Invoice inv = InvoiceNormaliser.normalise(Map.of("invoice_total_amount", "120.505", "invoice_currency", " eur "));
        assertEquals(new BigDecimal("120.51"), inv.totalAmount());
        assertEquals("EUR", inv.currency());
    }

    @Test
    void fallsBackToAlternativeKeys() {
        InvoiceNormaliser.Invoice inv = InvoiceNormaliser.normalise(Map.of("invoice_total_amount", "", "total", new BigDecimal("10"), "currency", "usd"));
        assertEquals(new BigDecimal("10.00"), inv.totalAmount());
        assertEquals("USD", inv.currency());
        assertEquals(new InvoiceNormaliser.Invoice(null, null), InvoiceNormaliser.normalise(Map.of()));
    }

    @Test
    void refusesBadValues() {
        ApiException amount = assertThrows(ApiException.class, () -> InvoiceNormaliser.normalise(Map.of("total_amount", "abc")));
        assertEquals(422, amount.status());
        assertEquals("INVOICE_NORMALIZATION_ERROR", amount.code());
        assertThrows(ApiException.class, () -> InvoiceNormaliser.normalise(Map.of("invoice_currency", "EURO")));
        assertThrows(ApiException.class, () -> InvoiceNormaliser.normalise(Map.of("currency", 123)));
        assertThrows(ApiException.class, () -> InvoiceNormaliser.normalise(Map.of("total", "1e999999")));
    }

    @Test
    void reportsBothErrorsAtOnce() {
        ApiException both = assertThrows(ApiException.class,
                () -> InvoiceNormaliser.normalise(Map.of("invoice_total_amount", "abc", "invoice_currency", "US")));
        assertEquals("metadata.invoice_total_amount", both.field());
        assertEquals(java.util.List.of("invalid_invoice_total_amount", "invalid_invoice_currency"),
                ((java.util.List<?>) both.details().get("errors")).stream().map(e -> ((Map<?, ?>) e).get("type")).toList());
        ApiException currencyOnly = assertThrows(ApiException.class,
                () -> InvoiceNormaliser.normalise(Map.of("invoice_total_amount", "99.99", "invoice_currency", "usd4")));
        assertEquals("metadata.invoice_currency", currencyOnly.field());
    }

    @Test
    void specExamples() {
        assertEquals(new InvoiceNormaliser.Invoice(new BigDecimal("1000.50"), "USD"),
                InvoiceNormaliser.normalise(Map.of("invoice_total_amount", "1000.5", "invoice_currency", "usd")));
        assertEquals(new InvoiceNormaliser.Invoice(new BigDecimal("150.50"), "EUR"),
                InvoiceNormaliser.normalise(Map.of("invoice_total_amount", "150.50", "invoice_currency", "eur")));
        assertThrows(ApiException.class, () -> InvoiceNormaliser.normalise(Map.of("invoice_total_amount", true)));
    }
}
