package com.kobatela.kernel.event;

import java.util.List;

/**
 * Kafka topics, one per producing service, key = aggregate id (ARCHITECTURE §3). Dead letters go to
 * {@code <topic>.dlq}.
 */
public final class Topics {

    public static final String IDENTITY = "kobatela.identity.v1";
    public static final String ESCROW = "kobatela.escrow.v1";
    public static final String SPEND = "kobatela.spend.v1";
    public static final String PROOF = "kobatela.proof.v1";
    public static final String PAYMENT = "kobatela.payment.v1";

    /** Every topic, dead-letter topics included. */
    public static final List<String> ALL = List.of(IDENTITY, ESCROW, SPEND, PROOF, PAYMENT,
            dlq(IDENTITY), dlq(ESCROW), dlq(SPEND), dlq(PROOF), dlq(PAYMENT));

    private Topics() {
    }

    /** The dead-letter topic of a topic. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }
}
