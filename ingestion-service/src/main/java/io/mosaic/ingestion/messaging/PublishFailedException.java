package io.mosaic.ingestion.messaging;

/**
 * Kafka did not confirm the events in time: the request is not accepted and the client should send it again (a
 * transaction that was still under way may yet commit; events sent with an event id are applied once however
 * often they are retried).
 */
public class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
