package com.kobatela.proof.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.kobatela.kernel.money.Amounts;

/**
 * Advisory document checks of a non-photo proof (spec {@code rules.md#document-checks}): amount, IBAN, date and
 * supplier checks of the metadata (M) against the milestone's {@code proof_requirements} (R). They never block a
 * submission; the result is stored in {@code metadata.backend_checks}. Decimal arithmetic only. Pure function.
 */
public final class DocumentChecks {

    private DocumentChecks() {
    }

    /**
     * Computes the checks; every key is always present, a check is null when its inputs are missing.
     *
     * @param requirements R, may be null
     * @param metadata     M (working metadata), may be null
     */
    public static Map<String, Object> compute(Map<String, ?> requirements, Map<String, ?> metadata) {
        Map<String, ?> r = requirements == null ? Map.of() : requirements;
        Map<String, ?> m = metadata == null ? Map.of() : metadata;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("has_metadata", !m.isEmpty());
        out.put("amount_check", amountCheck(r, m));
        out.put("iban_check", ibanCheck(r, m));
        out.put("date_check", dateCheck(r, m));
        out.put("supplier_check", supplierCheck(r, m));
        return out;
    }

    private static Map<String, Object> amountCheck(Map<String, ?> r, Map<String, ?> m) {
        Object rawExpected = r.get("expected_amount");
        BigDecimal expected = decimal(rawExpected);
        BigDecimal invoice = decimal(m.get("invoice_total_amount") != null ? m.get("invoice_total_amount") : m.get("invoice_amount"));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("expected_amount", expected != null ? Amounts.format(expected) : rawExpected);
        c.put("invoice_amount", invoice == null ? null : Amounts.format(invoice));
        BigDecimal diff = expected != null && invoice != null ? Amounts.normalize(invoice.subtract(expected)) : null;
        c.put("absolute_diff", diff == null ? null : diff.toPlainString());
        c.put("relative_diff", diff == null || expected.signum() == 0 ? null
                : diff.divide(expected, MathContext.DECIMAL64).setScale(4, java.math.RoundingMode.HALF_UP).toPlainString());
        Object ce = r.get("expected_currency");
        Object ca = m.get("invoice_currency");
        c.put("currency_expected", ce);
        c.put("currency_actual", ca);
        c.put("currency_match", ce == null || ca == null ? null : ce.toString().equalsIgnoreCase(ca.toString().strip()));
        c.put("amount_match", diff == null ? null : diff.signum() == 0);
        return c;
    }

    private static Map<String, Object> ibanCheck(Map<String, ?> r, Map<String, ?> m) {
        String expectedRaw = str(r.get("expected_iban_last4") != null ? r.get("expected_iban_last4") : r.get("expected_iban"));
        String expected = expectedRaw != null && expectedRaw.length() >= 4 ? expectedRaw.substring(expectedRaw.length() - 4) : null;
        String actual = str(m.get("invoice_iban_last4") != null ? m.get("invoice_iban_last4") : m.get("iban_last4"));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("expected_iban_last4", expected);
        c.put("invoice_iban_last4", actual);
        c.put("match", expected == null || actual == null ? null : expected.equals(actual));
        return c;
    }

    private static Map<String, Object> dateCheck(Map<String, ?> r, Map<String, ?> m) {
        Object rawMin = r.get("expected_date_min");
        Object rawMax = r.get("expected_date_max");
        Object rawInvoice = m.get("invoice_date");
        LocalDate min = date(rawMin);
        LocalDate max = date(rawMax);
        LocalDate invoice = date(rawInvoice);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("expected_date_min", rawMin);
        c.put("expected_date_max", rawMax);
        c.put("invoice_date", rawInvoice);
        c.put("days_from_min", min == null || invoice == null ? null : ChronoUnit.DAYS.between(min, invoice));
        c.put("days_from_max", max == null || invoice == null ? null : ChronoUnit.DAYS.between(max, invoice));
        Boolean inRange = null;
        if (invoice != null && (min != null || max != null)) {
            inRange = (min == null || !invoice.isBefore(min)) && (max == null || !invoice.isAfter(max));
        }
        c.put("in_range", inRange);
        return c;
    }

    private static Map<String, Object> supplierCheck(Map<String, ?> r, Map<String, ?> m) {
        String expected = str(r.get("expected_store_name") != null ? r.get("expected_store_name") : r.get("expected_beneficiary"));
        String actual = str(m.get("invoice_supplier_name") != null ? m.get("invoice_supplier_name") : m.get("supplier_name"));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("expected_name", expected);
        c.put("actual_name", actual);
        c.put("exact_match", expected == null || actual == null ? null
                : expected.strip().toLowerCase(Locale.ROOT).equals(actual.strip().toLowerCase(Locale.ROOT)));
        return c;
    }

    private static BigDecimal decimal(Object raw) {
        return InvoiceNormaliser.amount(raw);
    }

    private static String str(Object raw) {
        return raw == null || raw.toString().isBlank() ? null : raw.toString().strip();
    }

    private static LocalDate date(Object raw) {
        String s = str(raw);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toLocalDate();
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.LocalDateTime.parse(s).toLocalDate();
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }
}
