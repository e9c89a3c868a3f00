package com.kobatela.escrow.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.kobatela.escrow.service.TimelineEntry;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An escrow event as returned by {@code GET /escrows/{id}/events} (spec {@code api.md#9}).
 *
 * @param id       event id
 * @param kind     e.g. {@code DEPOSIT}
 * @param dataJson event payload object (money as strings)
 * @param at       ISO-8601 UTC
 */
@RegisterForReflection
public record EscrowEventRead(long id, String kind, @JsonRawValue String dataJson, String at) {

    /** The representation of a timeline entry. */
    public static EscrowEventRead of(TimelineEntry e) {
        return new EscrowEventRead(e.id(), e.kind(), e.dataJson(), EscrowRead.utc(e.at()));
    }
}
