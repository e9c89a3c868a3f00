package com.kobatela.kernel.money;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads an amount given as a JSON number or string, exactly (the parser's decimal text, never a
 * {@code double}), rounded HALF_UP to scale 2. Anything else (boolean, object, non-numeric text, more than
 * 16 integer digits) is a mismatched input, which the error mappers turn into {@code 422 VALIDATION_ERROR}.
 */
public class AmountDeserializer extends StdDeserializer<BigDecimal> {

    public AmountDeserializer() {
        super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        BigDecimal value;
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            value = new BigDecimal(p.getText());
        } else if (token == JsonToken.VALUE_STRING) {
            try {
                value = new BigDecimal(p.getText().trim());
            } catch (NumberFormatException e) {
                return (BigDecimal) ctxt.handleWeirdStringValue(BigDecimal.class, p.getText(), "not a decimal amount");
            }
        } else {
            return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
        }
        if (!Amounts.inRange(value)) {
            return (BigDecimal) ctxt.handleWeirdStringValue(BigDecimal.class, p.getText(), "amount out of range");
        }
        return Amounts.normalize(value);
    }
}
