package com.kobatela.kernel.event;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A consumed event: CloudEvents attributes read from the Kafka headers plus the raw JSON payload.
 *
 * @param id          {@code ce_id}, the de-duplication key of consumers
 * @param type        {@code ce_type}
 * @param subject     {@code ce_subject} (aggregate id)
 * @param actor       {@code kobactor}
 * @param correlation {@code kobacorrelation}
 * @param payload     JSON text
 */
public record InboundEvent(String id, String type, String subject, String actor, String correlation, String payload) {

    /**
     * Reads an incoming Kafka message.
     *
     * @throws IllegalArgumentException when the record has no {@code ce_id} or {@code ce_type} (poison message)
     */
    public static InboundEvent from(Message<?> message) {
        IncomingKafkaRecordMetadata<?, ?> md = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("not a Kafka record"));
        return from(md.getHeaders(), message.getPayload());
    }

    /**
     * Reads a consumed Kafka record.
     *
     * @throws IllegalArgumentException when the record has no {@code ce_id} or {@code ce_type} (poison message)
     */
    public static InboundEvent from(ConsumerRecord<?, ?> record) {
        return from(record.headers(), record.value());
    }

    private static InboundEvent from(Headers headers, Object payload) {
        String id = header(headers, CloudEventHeaders.ID);
        String type = header(headers, CloudEventHeaders.TYPE);
        if (id == null || type == null) {
            throw new IllegalArgumentException("record without ce_id/ce_type");
        }
        String json = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(payload);
        return new InboundEvent(id, type, header(headers, CloudEventHeaders.SUBJECT), header(headers, CloudEventHeaders.ACTOR),
                header(headers, CloudEventHeaders.CORRELATION), json);
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
