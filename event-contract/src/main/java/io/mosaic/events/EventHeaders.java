package io.mosaic.events;

/** Kafka record headers set on every event, so consumers and the DLQ can route without parsing the payload. */
public final class EventHeaders {
    public static final String EVENT_ID = "mosaic-event-id";
    public static final String EVENT_TYPE = "mosaic-event-type";
    public static final String TENANT = "mosaic-tenant";
    public static final String SCHEMA_VERSION = "mosaic-schema-version";

    private EventHeaders() {}
}
