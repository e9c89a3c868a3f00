package com.kobatela.kernel.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** spec rules.md#audit-sanitiser (+ FIX 002-R7 key classes). */
class AuditSanitiserTest {

    @Test
    void masksTheSpecExamples() {
        Map<String, Object> data = new HashMap<>();
        data.put("iban", "FR76 1234 5678 9012 34");
        data.put("iban_last4", "1234");
        data.put("email", "jane@example.com");
        data.put("storage_url", "https://files.example.com/proofs/abc.png?token=x");
        data.put("psp_reference", "PSP-123456789");
        data.put("supplier_name", "ACME");
        data.put("contact_phone", "+33 6 12 34 56 78");
        data.put("beneficiary_iban_last4", "9876");
        data.put("amount", "10.00");
        data.put("note", null);
        Map<String, Object> out = AuditSanitiser.sanitise(data);
        assertEquals("***1234", out.get("iban"));
        assertEquals("***34", out.get("iban_last4"));
        assertEquals("***@example.com", out.get("email"));
        assertEquals("https://files.example.com/proofs/***", out.get("storage_url"));
        assertEquals("***6789", out.get("psp_reference"));
        assertEquals("***masked***", out.get("supplier_name"));
        assertEquals("***78", out.get("contact_phone"));
        assertEquals("***9876", out.get("beneficiary_iban_last4"));
        assertEquals("10.00", out.get("amount"));
        assertNull(out.get("note"));
    }

    @Test
    void recursesIntoObjectsAndArrays() {
        Map<String, Object> out = AuditSanitiser.sanitise(Map.of(
                "nested", Map.of("email", "a@b.c"),
                "email", List.of("x@y.z", "nomail")));
        assertEquals(Map.of("email", "***@b.c"), out.get("nested"));
        assertEquals(List.of("***@y.z", "***"), out.get("email"));
    }

    @Test
    void shortValues() {
        Map<String, Object> out = AuditSanitiser.sanitise(Map.of("account_number", "123", "psp_reference", "PSP1", "storage_url", "file"));
        assertEquals("***123", out.get("account_number"));
        assertEquals("***", out.get("psp_reference"));
        assertEquals("***/***", out.get("storage_url"));
    }
}
