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
}
