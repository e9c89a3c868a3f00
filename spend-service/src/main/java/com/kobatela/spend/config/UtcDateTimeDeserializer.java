package com.kobatela.spend.config;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads an ISO-8601 datetime; a naive one (no offset) is UTC (spec {@code rules.md#money}, "Time"). The result is
 * converted to UTC. Anything else is a mismatched input, answered {@code 422 VALIDATION_ERROR}.
 */
public class UtcDateTimeDeserializer extends StdDeserializer<OffsetDateTime> {

    public UtcDateTimeDeserializer() {
        super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
        }
        String text = p.getText().strip();
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return (OffsetDateTime) ctxt.handleWeirdStringValue(OffsetDateTime.class, text, "not an ISO-8601 datetime");
            }
        }
    }
}
