package io.mosaic.ingestion.service;

/** The body is larger than the endpoint accepts (413). */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(String detail) {
        super(detail);
    }
}
