package io.mosaic.events;

import java.util.List;

/**
 * The outcome of validating one event from a client: the normalised event, or every fault found. {@code eventId}
 * is the client's id when it sent a usable one, so a rejection can name it.
 */
public record ValidationResult(InteractionEvent event, String eventId, List<FieldError> errors) {

    public ValidationResult {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
