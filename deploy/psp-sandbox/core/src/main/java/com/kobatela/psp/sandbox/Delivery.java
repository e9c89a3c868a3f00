package com.kobatela.psp.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.json.JsonObject;

/** The delivery state of one webhook event (for {@code GET /sandbox/deliveries} and tests). */
public final class Delivery {

    /** Where a delivery stands. */
    public enum State {
        /** waiting for its first or next attempt */
        PENDING,
        /** answered 2xx, or refused as a replay (the receiver already has it) */
        DELIVERED,
        /** every attempt failed */
        GAVE_UP
    }

    private final String eventId;
    private final String type;
    private final String pspRef;
    private final long generation;
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile State state = State.PENDING;
    private volatile int lastStatus;
    private volatile String lastError;

    Delivery(String eventId, String type, String pspRef, long generation) {
        this.eventId = eventId;
        this.type = type;
        this.pspRef = pspRef;
        this.generation = generation;
    }

    /** The sender's reset generation this delivery belongs to (a reset drops older deliveries). */
    long generation() {
        return generation;
    }

    public String eventId() {
        return eventId;
    }

    public String type() {
        return type;
    }

    public String pspRef() {
        return pspRef;
    }

    public int attempts() {
        return attempts.get();
    }

    public State state() {
        return state;
    }

    /** HTTP status of the last attempt (0: no answer). */
    public int lastStatus() {
        return lastStatus;
    }

    int nextAttempt() {
        return attempts.incrementAndGet();
    }

    void answered(int status, String error, State next) {
        this.lastStatus = status;
        this.lastError = error;
        this.state = next;
    }

    /** JSON view. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("event_id", eventId)
                .put("type", type)
                .put("psp_ref", pspRef)
                .put("attempts", attempts())
                .put("state", state.name().toLowerCase(java.util.Locale.ROOT))
                .put("last_status", lastStatus)
                .put("last_error", lastError);
    }
}
