package com.kobatela.kernel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.kobatela.kernel.event.payload.PaymentUpdate;

/** Event payloads are read as a tolerant reader: unknown fields are ignored, malformed JSON is a poison event. */
class EventPayloadTest {

    private final EventConsumer consumer = consumer();

    private static EventConsumer consumer() {
        EventConsumer c = new EventConsumer();
        c.mapper = new ObjectMapper().findAndRegisterModules()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return c;
    }

    @Test
    void unknownFieldsOfANewerProducerAreIgnored() {
        InboundEvent e = new InboundEvent("id-1", EventTypes.PAYMENT_SENT, "7", "system", null,
                "{\"payment_id\":3,\"escrow_id\":7,\"amount\":\"12.50\",\"currency\":\"EUR\",\"status\":\"SENT\","
                        + "\"field_from_the_future\":{\"x\":1}}");
        PaymentUpdate p = consumer.payload(e, PaymentUpdate.class);
        assertEquals(3L, p.paymentId());
        assertEquals(new BigDecimal("12.50"), p.amount());
        assertNull(p.payeeRef());
    }

    @Test
    void malformedPayloadIsPoison() {
        InboundEvent e = new InboundEvent("id-2", EventTypes.PAYMENT_SENT, "7", "system", null, "{\"escrow_id\":");
        assertThrows(EventConsumer.PoisonEventException.class, () -> consumer.payload(e, PaymentUpdate.class));
    }
}
