package com.kobatela.payment.event;

import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.kobatela.kernel.event.InboundEvent;

import io.smallrye.mutiny.Uni;

/** Reading a consumed record as a CloudEvent; a record without {@code ce_id}/{@code ce_type} fails at once (dead letters). */
final class Records {

    private Records() {
    }

    /** Reads the record and hands it to {@code handler}, or fails (poison) when it is not a CloudEvent. */
    static Uni<Void> handle(ConsumerRecord<String, String> record, Function<InboundEvent, Uni<Void>> handler) {
        InboundEvent event;
        try {
            event = InboundEvent.from(record);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return handler.apply(event);
    }
}
