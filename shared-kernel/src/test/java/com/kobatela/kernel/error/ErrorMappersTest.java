package com.kobatela.kernel.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Field names in validation errors use the JSON (snake_case) names. */
class ErrorMappersTest {

    @Test
    void snakeCasesPropertyNames() {
        assertEquals("amount_total", ErrorMappers.snake("amountTotal"));
        assertEquals("client_id", ErrorMappers.snake("clientId"));
        assertEquals("amount", ErrorMappers.snake("amount"));
    }
}
