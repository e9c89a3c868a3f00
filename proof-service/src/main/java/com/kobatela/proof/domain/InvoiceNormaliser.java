package com.kobatela.proof.domain;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.money.Amounts;

/**
 * Invoice amount and currency normalisation (spec {@code rules.md#invoice}): amount = first non-empty of
 * {@code invoice_total_amount}, {@code total}, {@code total_amount}, as a decimal rounded HALF_UP to scale 2;
 * currency = first non-empty of {@code invoice_currency}, {@code currency}, exactly three letters, upper-cased.
 * The metadata keeps the raw values; the result feeds the proof's columns.
 */
public final class InvoiceNormaliser {

    static final String MESSAGE = "Les données de montant ou de devise de la facture sont invalides.";

    /**
     * Normalised invoice facts.
     *
     * @param totalAmount scale 2, or null when absent
     * @param currency    three upper-case letters, or null when absent
     */
    public record Invoice(BigDecimal totalAmount, String currency) {
    }

    private InvoiceNormaliser() {
    }

    /**
     * Normalises the invoice facts of a proof's metadata.
     *
     * @throws ApiException 422 {@code INVOICE_NORMALIZATION_ERROR} (details.errors names
     *                      {@code invalid_invoice_total_amount} / {@code invalid_invoice_currency})
     */
    public static Invoice normalise(Map<String, ?> metadata) {
        if (metadata == null) {
            return new Invoice(null, null);
        }
        Object rawAmount = firstNonEmpty(metadata, "invoice_total_amount", "total", "total_amount");
        Object rawCurrency = firstNonEmpty(metadata, "invoice_currency", "currency");
        BigDecimal amount = null;
        if (rawAmount != null) {
            try {
                amount = rawAmount instanceof BigDecimal b ? b : new BigDecimal(rawAmount.toString().strip());
                if (!Amounts.inRange(amount)) {
                    throw new NumberFormatException("out of range");
                }
                amount = Amounts.normalize(amount);
            } catch (NumberFormatException e) {
                throw error("invalid_invoice_total_amount", "invoice_total_amount");
            }
        }
        String currency = null;
        if (rawCurrency != null) {
            String c = rawCurrency.toString().strip();
            if (!(rawCurrency instanceof String) || !c.matches("[A-Za-z]{3}")) {
                throw error("invalid_invoice_currency", "invoice_currency");
            }
            currency = c.toUpperCase(Locale.ROOT);
        }
        return new Invoice(amount, currency);
    }

    private static Object firstNonEmpty(Map<String, ?> m, String... keys) {
        for (String k : keys) {
            Object v = m.get(k);
            if (v != null && !(v instanceof String s && s.isBlank())) {
                return v;
            }
        }
        return null;
    }

    private static ApiException error(String reason, String field) {
        return new ApiException(422, "INVOICE_NORMALIZATION_ERROR", MESSAGE, "metadata." + field,
                Map.of("errors", java.util.List.of(Map.of("field", "metadata." + field, "message", reason, "type", reason))));
    }
}
