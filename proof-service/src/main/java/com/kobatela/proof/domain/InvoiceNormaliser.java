package com.kobatela.proof.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
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
     * @throws ApiException 422 {@code INVOICE_NORMALIZATION_ERROR}; {@code field} names the first invalid value,
     *                      {@code details.errors} lists every one ({@code invalid_invoice_total_amount},
     *                      {@code invalid_invoice_currency})
     */
    public static Invoice normalise(Map<String, ?> metadata) {
        if (metadata == null) {
            return new Invoice(null, null);
        }
        Object rawAmount = firstNonEmpty(metadata, "invoice_total_amount", "total", "total_amount");
        Object rawCurrency = firstNonEmpty(metadata, "invoice_currency", "currency");
        List<Map<String, Object>> errors = new ArrayList<>();
        BigDecimal amount = null;
        if (rawAmount != null) {
            amount = amount(rawAmount);
            if (amount == null) {
                errors.add(error("invalid_invoice_total_amount", "invoice_total_amount"));
            }
        }
        String currency = null;
        if (rawCurrency != null) {
            currency = currency(rawCurrency);
            if (currency == null) {
                errors.add(error("invalid_invoice_currency", "invoice_currency"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, "INVOICE_NORMALIZATION_ERROR", MESSAGE, (String) errors.get(0).get("field"),
                    Map.of("errors", errors));
        }
        return new Invoice(amount, currency);
    }

    /** A decimal (number or numeric text) rounded HALF_UP to scale 2, or null when it is not one or out of range. */
    public static BigDecimal amount(Object raw) {
        if (raw == null || raw instanceof Boolean || raw instanceof Map || raw instanceof java.util.Collection) {
            return null;
        }
        try {
            BigDecimal d = raw instanceof BigDecimal b ? b : new BigDecimal(raw.toString().strip());
            return Amounts.inRange(d) ? Amounts.normalize(d) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Three letters, trimmed and upper-cased, or null when the value is anything else. */
    static String currency(Object raw) {
        if (!(raw instanceof String text)) {
            return null;
        }
        String c = text.strip();
        return c.matches("[A-Za-z]{3}") ? c.toUpperCase(Locale.ROOT) : null;
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

    private static Map<String, Object> error(String reason, String field) {
        return Map.of("field", "metadata." + field, "message", reason, "type", reason);
    }
}
