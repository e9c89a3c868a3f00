package com.kobatela.escrow.service;

import java.time.OffsetDateTime;

/**
 * One escrow event as read by {@code GET /escrows/{id}/events} (spec {@code api.md#9}).
 *
 * @param id       event id
 * @param kind     event kind ({@code domain.md#2.5})
 * @param dataJson JSON object text
 * @param at       UTC
 */
public record TimelineEntry(long id, String kind, String dataJson, OffsetDateTime at) {
}
