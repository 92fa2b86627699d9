package io.mosaic.segmentation.service;

/** The request contradicts what exists (409): a segment id taken, a segment still referenced. */
public class ConflictException extends RuntimeException {
    public ConflictException(String detail) {
        super(detail);
    }
}
