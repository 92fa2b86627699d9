package io.mosaic.events.properties;

import java.util.Map;

/** {@code customer.merged}: {@code mergedCustomerId} is the same person as the event's customer, who survives. */
public record CustomerMerged(String mergedCustomerId, Map<String, Object> custom) implements EventProperties {}
