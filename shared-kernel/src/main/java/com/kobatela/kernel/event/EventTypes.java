package com.kobatela.kernel.event;

/** CloudEvents {@code ce_type} values ({@code <context>.<event>.v<n>}); spec {@code README.md#events-that-cross-service-boundaries}. */
public final class EventTypes {

    public static final String USER_REGISTERED = "identity.user-registered.v1";
    public static final String USER_UPDATED = "identity.user-updated.v1";
    public static final String ESCROW_CREATED = "escrow.created.v1";
    public static final String ESCROW_DEPOSITED = "escrow.deposited.v1";
    public static final String ESCROW_STATUS_CHANGED = "escrow.status-changed.v1";

    private EventTypes() {
    }
}
