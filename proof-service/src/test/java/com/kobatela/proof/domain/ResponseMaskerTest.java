package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** spec rules.md#response-masking. */
class ResponseMaskerTest {

    @Test
    void masksByKeyClass() {
        Map<String, Object> md = new HashMap<>();
        md.put("Supplier_Name", "ACME");
        md.put("contact_email", "bob@acme.fr");
        md.put("phone", "+33 6 12 34 56 78");
        md.put("mobile", "none");
        md.put("beneficiary_iban", "FR7612345678901234");
        md.put("iban_check", "ok");
        md.put("verified", true);
        md.put("gps_lat", 5.1);
        Map<String, Object> out = ResponseMasker.mask(md);
        assertEquals("***masked***", out.get("Supplier_Name"));
        assertEquals("***@acme.fr", out.get("contact_email"));
        assertEquals("***78", out.get("phone"));
        assertEquals("***", out.get("mobile"));
        assertEquals("**************1234", out.get("beneficiary_iban"));
        assertEquals("ok", out.get("iban_check"));
        assertEquals(true, out.get("verified"));
        assertEquals(5.1, out.get("gps_lat"));
    }

    @Test
    void recursesAndMasksArrayScalarsByParentKey() {
        Map<String, Object> out = ResponseMasker.mask(Map.of("emails", Map.of("email", List.of("a@b.c", "zzz")),
                "items", List.of(Map.of("account_number", "1234"))));
        assertEquals(Map.of("email", List.of("***@b.c", "***@***")), out.get("emails"));
        assertEquals(List.of(Map.of("account_number", "***1234")), out.get("items"));
    }
}
