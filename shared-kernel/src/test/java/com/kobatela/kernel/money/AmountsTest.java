package com.kobatela.kernel.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** spec rules.md#money: HALF_UP to scale 2, exact parsing, strings with two decimals on output. */
class AmountsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    record Holder(@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = AmountDeserializer.class)
            @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = AmountSerializer.class) BigDecimal amount) {
    }

    @Test
    void roundsHalfUp() {
        assertEquals(new BigDecimal("33.34"), Amounts.parse("33.335"));
        assertEquals(new BigDecimal("12.35"), Amounts.parse("12.345"));
        assertEquals(new BigDecimal("-12.35"), Amounts.parse("-12.345"));
        assertEquals("500.00", Amounts.format(new BigDecimal("500")));
    }

    @Test
    void positiveMeansAboveZeroAfterRounding() {
        assertFalse(Amounts.isPositive(Amounts.parse("0.004")));
        assertTrue(Amounts.isPositive(Amounts.parse("0.005")));
    }

    @Test
    void readsNumbersAndStringsExactly() throws Exception {
        assertEquals(new BigDecimal("0.10"), mapper.readValue("{\"amount\":0.1}", Holder.class).amount());
        assertEquals(new BigDecimal("33.34"), mapper.readValue("{\"amount\":\"33.335\"}", Holder.class).amount());
        assertEquals(new BigDecimal("100.00"), mapper.readValue("{\"amount\":100}", Holder.class).amount());
        // 0.285 is 0.28499999... as a double: exact parsing must still round it up
        assertEquals(new BigDecimal("0.29"), mapper.readValue("{\"amount\":0.285}", Holder.class).amount());
    }

    @Test
    void refusesNonNumbersAndHugeValues() {
        assertThrows(InvalidFormatException.class, () -> mapper.readValue("{\"amount\":\"abc\"}", Holder.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"amount\":true}", Holder.class));
        assertThrows(InvalidFormatException.class, () -> mapper.readValue("{\"amount\":\"1e999999999\"}", Holder.class));
        assertThrows(InvalidFormatException.class, () -> mapper.readValue("{\"amount\":12345678901234567}", Holder.class));
        assertThrows(NumberFormatException.class, () -> Amounts.parse("1e400"));
    }

    @Test
    void writesTwoDecimalStrings() throws Exception {
        assertEquals("{\"amount\":\"7.50\"}", mapper.writeValueAsString(new Holder(new BigDecimal("7.5"))));
    }

    @Test
    void moneyKeepsCurrencyAndScale() {
        Money m = Money.of("10.005", "EUR");
        assertEquals(new BigDecimal("10.01"), m.amount());
        assertEquals(Money.of("15.01", "EUR"), m.plus(Money.of("5", "EUR")));
        assertThrows(IllegalArgumentException.class, () -> m.plus(Money.of("1", "USD")));
        assertThrows(IllegalArgumentException.class, () -> Money.of("1", "usd"));
    }
}
