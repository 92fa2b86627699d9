package io.mosaic.events;

/** Default names of the topics of the contract (docs/EVENTS.md). Services read the actual names from configuration. */
public final class Topics {
    public static final String INTERACTIONS = "mosaic.interactions";
    public static final String INTERACTIONS_DLQ = "mosaic.interactions.dlq";
    public static final String SEGMENT_CHANGES = "mosaic.segment-changes";
    /** The changelog of segmentation's behavior store (application id {@code mosaic-segmentation}). */
    public static final String CUSTOMER_BEHAVIOR = "mosaic-segmentation-customer-behavior-changelog";

    private Topics() {}
}
