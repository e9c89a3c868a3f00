package com.kobatela.escrow.event;

import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.kobatela.kernel.event.EventConsumer;
import com.kobatela.kernel.event.InboundEvent;

import io.smallrye.mutiny.Uni;

/** The common path of escrow-service's consumers: read the CloudEvent of a record, then apply its effect once. */
final class InboundRecords {

    private InboundRecords() {
    }

    /**
     * Applies {@code effect} once per event id ({@link EventConsumer#once}).
     *
     * @return a failed Uni (dead letters) when the record carries no {@code ce_id}/{@code ce_type}
     */
    static Uni<Void> once(EventConsumer consumer, ConsumerRecord<String, String> record, Function<InboundEvent, Uni<Void>> effect) {
        InboundEvent event;
        try {
            event = InboundEvent.from(record);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return consumer.once(event, effect);
    }
}
