package com.kobatela.kernel.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Masks sensitive values before they reach {@code audit_logs.data_json} (spec {@code rules.md#audit-sanitiser},
 * extended by FIX 002-R7 with the response-masking key classes: names, addresses, phones, any key containing
 * {@code iban} or {@code account_number}). Recursive through objects and arrays; null stays null. Pure function.
 */
public final class AuditSanitiser {

    private static final Set<String> ACCOUNT_KEYS = Set.of("iban", "iban_full", "iban_full_masked", "account_number", "card_number");
    private static final Set<String> NAME_KEYS = Set.of("beneficiary_name", "beneficiary_address", "supplier_name",
            "supplier_address", "supplier_city", "supplier_country", "account_holder");

    private AuditSanitiser() {
    }

    /** Returns a sanitised deep copy of {@code data}. */
    public static Map<String, Object> sanitise(Map<String, ?> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (data == null) {
            return out;
        }
        data.forEach((k, v) -> out.put(k, value(k, v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object value(String key, Object v) {
        if (v == null || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            return sanitise((Map<String, ?>) m);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(value(key, item));
            }
            return out;
        }
        return mask(key, v);
    }

    private static Object mask(String key, Object v) {
        String k = key.toLowerCase(Locale.ROOT);
        String s = String.valueOf(v);
        if (ACCOUNT_KEYS.contains(k)) {
            return lastFour(s.replace(" ", ""));
        }
        if (k.equals("iban_last4")) {
            return "***" + (s.length() <= 2 ? s : s.substring(s.length() - 2));
        }
        if (k.equals("email") || k.endsWith("_email")) {
            int at = s.indexOf('@');
            return at < 0 ? "***" : "***" + s.substring(at);
        }
        if (k.equals("storage_url")) {
            String noQuery = s.contains("?") ? s.substring(0, s.indexOf('?')) : s;
            int slash = noQuery.lastIndexOf('/');
            return slash < 0 ? "***/***" : noQuery.substring(0, slash) + "/***";
        }
        if (k.equals("psp_reference")) {
            return s.length() <= 6 ? "***" : "***" + s.substring(s.length() - 4);
        }
        if (NAME_KEYS.contains(k)) {
            return "***masked***";
        }
        if (k.contains("phone") || k.contains("mobile")) {
            String digits = s.replaceAll("\\D", "");
            return digits.isEmpty() ? "***" : "***" + digits.substring(Math.max(0, digits.length() - 2));
        }
        if ((k.contains("iban") && !k.contains("check") && !k.contains("match")) || k.contains("account_number")) {
            return lastFour(s.replaceAll("[^A-Za-z0-9]", ""));
        }
        return v;
    }

    private static String lastFour(String s) {
        return s.length() <= 4 ? "***" + s : "***" + s.substring(s.length() - 4);
    }
}
