package io.mosaic.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.common.InvalidRequestException;
import io.mosaic.events.EventValidator;
import io.mosaic.events.FieldError;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.ValidationResult;
import io.mosaic.ingestion.config.IngestionConfig;
import io.mosaic.ingestion.segmentspec.SegmentSpecMapping;
import io.mosaic.ingestion.service.IngestionMetrics.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Segment Spec's HTTP Tracking API: messages mapped onto Mosaic's events ({@link SegmentSpecMapping}),
 * validated like any event, and published together, all or none: a batch with a fault is refused whole with 400
 * naming each fault ({@code batch[2].properties.amount}), so the sender can fix it and send it again.
 */
@ApplicationScoped
public class SegmentSpecIntake {
    /** Segment's own limits, which the SDKs respect: 32 KiB a message, 500 KiB a batch. */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024;

    public static final int MAX_BATCH_BYTES = 500 * 1024;

    private final Clock clock = Clock.systemUTC();
    private final EventValidator validator = new EventValidator(clock);
    private final EventIntake events;
    private final IngestionMetrics metrics;
    private final int maxBatchMessages;

    public SegmentSpecIntake(EventIntake events, IngestionMetrics metrics, IngestionConfig config) {
        this.events = events;
        this.metrics = metrics;
        this.maxBatchMessages = config.ingestion().maxBatchEvents();
    }

    /** One message of the type its endpoint names ({@code identify}, {@code track}, {@code page}, {@code screen}). */
    public void acceptOne(String tenant, String type, byte[] body) {
        events.checkSize(body, MAX_MESSAGE_BYTES);
        publish(tenant, List.of(JsonInput.parse(body)), type, null, "");
    }

    /** {@code {"batch": [message, ...], "sentAt": ...}}: each message names its type. */
    public void acceptBatch(String tenant, byte[] body) {
        events.checkSize(body, MAX_BATCH_BYTES);
        JsonNode request = JsonInput.parse(body);
        JsonNode batch = request.path("batch");
        if (!batch.isArray() || batch.isEmpty()) {
            throw new InvalidRequestException(
                    "Invalid batch",
                    "A batch is {\"batch\": [message, ...]}.",
                    List.of(new FieldError("batch", "is required: a non-empty array of messages")));
        }
        if (batch.size() > maxBatchMessages) {
            metrics.rejected(null, Reason.TOO_LARGE, 1);
            throw new PayloadTooLargeException("The batch has " + batch.size() + " messages; a batch takes at most "
                    + maxBatchMessages + ". Split it.");
        }
        List<JsonNode> messages = new ArrayList<>();
        batch.forEach(messages::add);
        publish(tenant, messages, null, request.path("sentAt").asText(null), "batch");
    }

    private void publish(String tenant, List<JsonNode> messages, String type, String sentAt, String listName) {
        Instant receivedAt = clock.instant();
        List<InteractionEvent> mapped = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int index = 0; index < messages.size(); index++) {
            String prefix = listName.isEmpty() ? "" : listName + "[" + index + "].";
            SegmentSpecMapping.Mapped message = SegmentSpecMapping.map(messages.get(index), type, sentAt, receivedAt);
            message.errors().forEach(error -> errors.add(new FieldError(prefix + error.field(), error.message())));
            for (ObjectNode event : message.events()) {
                ValidationResult result = validator.validate(event, tenant);
                if (result.valid()) {
                    mapped.add(result.event());
                } else {
                    String as = " (as " + event.path("type").asText() + ")";
                    result.errors()
                            .forEach(error -> errors.add(new FieldError(prefix + error.field(), error.message() + as)));
                }
            }
        }
        if (!errors.isEmpty()) {
            metrics.rejected(null, Reason.INVALID, messages.size());
            throw new InvalidRequestException(
                    "Invalid Segment Spec message",
                    "Nothing was accepted; fix the fields named in errors (docs/SEGMENT.md gives the mapping).",
                    errors);
        }
        events.publishTogether(mapped);
    }
}
