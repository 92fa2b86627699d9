package io.mosaic.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.common.InvalidRequestException;
import io.mosaic.events.EventValidator;
import io.mosaic.events.FieldError;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.ValidationResult;
import io.mosaic.ingestion.config.IngestionConfig;
import io.mosaic.ingestion.messaging.EventPublisher;
import io.mosaic.ingestion.messaging.PublishFailedException;
import io.mosaic.ingestion.service.IngestionMetrics.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Turns request bodies into events on Kafka: parse, validate, publish, count. */
@ApplicationScoped
public class EventIntake {
    private final EventValidator validator = new EventValidator(Clock.systemUTC());
    private final EventPublisher publisher;
    private final IngestionMetrics metrics;
    private final IngestionConfig.Ingestion limits;

    public EventIntake(EventPublisher publisher, IngestionMetrics metrics, IngestionConfig config) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.limits = config.ingestion();
    }

    /** Completes with the event id once Kafka acknowledged the event. */
    public CompletionStage<String> acceptOne(String tenant, byte[] body) {
        checkSize(body, limits.maxEventBytes());
        ValidationResult result = validator.validate(parse(body), tenant);
        if (!result.valid()) {
            metrics.rejected(null, Reason.INVALID, 1);
            throw new InvalidRequestException(
                    "Invalid event", "The event breaks the event contract; see errors.", result.errors());
        }
        InteractionEvent event = result.event();
        return publisher
                .publish(event)
                .whenComplete((ok, error) -> {
                    if (error == null) {
                        metrics.accepted(event.type(), 1);
                    } else {
                        metrics.rejected(event.type(), Reason.KAFKA_UNAVAILABLE, 1);
                    }
                })
                .thenApply(ok -> event.eventId());
    }

    /** Publishes the valid events of a batch together and reports the invalid ones by index. */
    public BatchOutcome acceptBatch(String tenant, byte[] body) {
        checkSize(body, limits.maxBatchBytes());
        JsonNode events = eventsOf(parse(body));
        List<InteractionEvent> valid = new ArrayList<>();
        List<BatchOutcome.Rejection> rejected = new ArrayList<>();
        for (int index = 0; index < events.size(); index++) {
            ValidationResult result = validator.validate(events.get(index), tenant);
            if (result.valid()) {
                valid.add(result.event());
            } else {
                rejected.add(new BatchOutcome.Rejection(index, result.eventId(), result.errors()));
                metrics.rejected(null, Reason.INVALID, 1);
            }
        }
        publishTogether(valid);
        return new BatchOutcome(
                valid.size(), valid.stream().map(InteractionEvent::eventId).toList(), rejected);
    }

    private JsonNode parse(byte[] body) {
        try {
            return JsonInput.parse(body);
        } catch (InvalidRequestException e) {
            metrics.rejected(null, Reason.MALFORMED_JSON, 1);
            throw e;
        }
    }

    private JsonNode eventsOf(JsonNode batch) {
        if (!batch.isObject() || !batch.path("events").isArray()) {
            throw invalidBatch(List.of(new FieldError("events", "is required: an array of events")));
        }
        JsonNode events = batch.get("events");
        if (events.isEmpty()) {
            throw invalidBatch(List.of(new FieldError("events", "must hold at least one event")));
        }
        if (events.size() > limits.maxBatchEvents()) {
            metrics.rejected(null, Reason.TOO_LARGE, 1);
            throw new PayloadTooLargeException("The batch has " + events.size() + " events; a batch takes at most "
                    + limits.maxBatchEvents() + ". Split it.");
        }
        List<FieldError> unknown = unknownFields(batch);
        if (!unknown.isEmpty()) {
            throw invalidBatch(unknown);
        }
        return events;
    }

    private static InvalidRequestException invalidBatch(List<FieldError> errors) {
        return new InvalidRequestException("Invalid batch", "A batch is {\"events\": [event, ...]}.", errors);
    }

    private static List<FieldError> unknownFields(JsonNode batch) {
        List<FieldError> errors = new ArrayList<>();
        batch.fieldNames().forEachRemaining(name -> {
            if (!name.equals("events")) {
                errors.add(new FieldError(name, "is not a field of a batch"));
            }
        });
        return errors;
    }

    /** Publishes valid events in one Kafka transaction, and counts them as accepted or not. */
    void publishTogether(List<InteractionEvent> events) {
        try {
            publisher.publishAtomically(events);
        } catch (PublishFailedException e) {
            events.forEach(event -> metrics.rejected(event.type(), Reason.KAFKA_UNAVAILABLE, 1));
            throw e;
        }
        events.forEach(event -> metrics.accepted(event.type(), 1));
    }

    /** 413 for a body over {@code max} bytes. */
    void checkSize(byte[] body, int max) {
        if (body.length > max) {
            metrics.rejected(null, Reason.TOO_LARGE, 1);
            throw new PayloadTooLargeException(
                    "The body has " + body.length + " bytes; this endpoint takes at most " + max + ".");
        }
    }
}
