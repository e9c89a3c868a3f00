package com.kobatela.kernel.money;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** Writes an amount as a JSON string with exactly two decimals ({@code "500.00"}); spec {@code api.md#0.5}. */
public class AmountSerializer extends StdSerializer<BigDecimal> {

    public AmountSerializer() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(Amounts.format(value));
    }
}
