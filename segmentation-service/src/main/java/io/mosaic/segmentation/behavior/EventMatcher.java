package io.mosaic.segmentation.behavior;

import io.mosaic.events.InteractionEvent;
import java.math.BigDecimal;
import java.util.Optional;

/** Decides whether an event counts for a rule's event condition, and what it adds to the condition's sum. */
public interface EventMatcher {
    /** Identifies the condition (type, filters and summed property) across segments that share it. */
    String signature();

    /** Empty when the event does not match; else the value it adds to the sum (zero when nothing is summed). */
    Optional<BigDecimal> match(InteractionEvent event);
}
