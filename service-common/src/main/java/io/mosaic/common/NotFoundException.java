package io.mosaic.common;

/** What was asked for does not exist for the caller's tenant (404); another tenant's object answers the same. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
