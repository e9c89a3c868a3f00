package com.kobatela.proof.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Masks a proof's metadata in every ProofRead (spec {@code rules.md#response-masking}); the stored metadata
 * stays unmasked. Case-insensitive keys, first matching rule wins, recursion into objects; in arrays objects
 * are recursed and scalars masked by the parent key; booleans and nulls are never masked. Pure function.
 */
public final class ResponseMasker {

    private static final Set<String> NAME_KEYS = Set.of("beneficiary_name", "beneficiary_address", "supplier_name",
            "supplier_address", "supplier_city", "supplier_country", "account_holder");
    private static final Set<String> IBAN_KEYS = Set.of("iban", "iban_full", "iban_full_masked", "iban_masked", "iban_last4",
            "beneficiary_iban", "beneficiary_iban_last4", "supplier_iban", "supplier_iban_last4", "account_number");

    private ResponseMasker() {
    }

    /** A masked deep copy of {@code metadata} (null stays null). */
    public static Map<String, Object> mask(Map<String, ?> metadata) {
        if (metadata == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        metadata.forEach((k, v) -> out.put(k, value(k, v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object value(String key, Object v) {
        if (v == null || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            return mask((Map<String, ?>) m);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(value(key, item));
            }
            return out;
        }
        return scalar(key.toLowerCase(Locale.ROOT), String.valueOf(v), v);
    }

    private static Object scalar(String k, String s, Object original) {
        if (NAME_KEYS.contains(k)) {
            return "***masked***";
        }
        if (k.equals("email") || k.endsWith("_email")) {
            int at = s.indexOf('@');
            return at < 0 ? "***@***" : "***" + s.substring(at);
        }
        if (k.equals("phone") || k.equals("mobile") || k.contains("phone") || k.contains("mobile")) {
            String digits = s.replaceAll("\\D", "");
            return digits.isEmpty() ? "***" : "***" + digits.substring(Math.max(0, digits.length() - 2));
        }
        if (IBAN_KEYS.contains(k) || (k.contains("iban") && !k.contains("check") && !k.contains("match"))
                || k.contains("account_number")) {
            String alnum = s.replaceAll("[^A-Za-z0-9]", "");
            return alnum.length() <= 4 ? "***" + alnum : "*".repeat(alnum.length() - 4) + alnum.substring(alnum.length() - 4);
        }
        return original;
    }
}
