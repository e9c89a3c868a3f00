package com.kobatela.kernel.event;

/**
 * Kafka header names of the CloudEvents 1.0 binary mode and our extensions (ARCHITECTURE §3).
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    /** Who caused the event: {@code apikey:<prefix>}, {@code user:<id>}, {@code psp}, {@code system:<job>}. */
    public static final String ACTOR = "ce_kobactor";
    /** The gateway's request id. */
    public static final String CORRELATION = "ce_kobacorrelation";

    private CloudEventHeaders() {
    }
}
