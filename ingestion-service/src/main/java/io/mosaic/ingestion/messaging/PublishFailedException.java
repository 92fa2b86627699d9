package io.mosaic.ingestion.messaging;

/** Kafka did not take the events in time; nothing of the request was written, so the client may retry it. */
public class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
