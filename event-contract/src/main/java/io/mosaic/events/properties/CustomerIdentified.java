package io.mosaic.events.properties;

import java.util.Map;

/** {@code customer.identified}: facts about who the customer is. */
public record CustomerIdentified(Traits traits, Map<String, Object> custom) implements EventProperties {}
