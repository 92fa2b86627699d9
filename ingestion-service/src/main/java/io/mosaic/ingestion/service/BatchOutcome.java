package io.mosaic.ingestion.service;

import io.mosaic.events.FieldError;
import java.util.List;

/**
 * The answer to a batch: how many events were accepted (their ids in order) and why each other one was not.
 * {@code eventIds} goes beyond docs/API.md's {@code accepted} count so that clients learn the ids Mosaic assigned.
 */
public record BatchOutcome(int accepted, List<String> eventIds, List<Rejection> rejected) {

    public record Rejection(int index, String eventId, List<FieldError> errors) {}
}
