package com.kobatela.bench;

/**
 * Request bodies of the benchmark flows (JSON text, money as strings with two decimals, spec {@code api.md#0.5}).
 */
public final class Flows {

    /** Amount of every benchmark escrow and of its single deposit. */
    public static final String AMOUNT = "100.00";

    private Flows() {
    }

    /** {@code POST /escrows} body: 100.00 USD, far deadline. */
    public static String escrowBody(long clientId, long providerId) {
        return "{\"client_id\":" + clientId + ",\"provider_id\":" + providerId + ",\"amount_total\":\"" + AMOUNT
                + "\",\"currency\":\"USD\",\"release_conditions\":{},\"deadline_at\":\"2030-01-01T00:00:00Z\"}";
    }

    /** {@code POST /escrows/{id}/deposit} body covering the escrow. */
    public static String depositBody() {
        return "{\"amount\":\"" + AMOUNT + "\"}";
    }
}
