package io.mosaic.common;

import io.mosaic.events.FieldError;
import java.util.List;

/** The request is at fault (400): malformed JSON, or fields that break the contract, each named. */
public class InvalidRequestException extends RuntimeException {
    private final String title;
    private final List<FieldError> errors;

    public InvalidRequestException(String title, String detail) {
        this(title, detail, List.of());
    }

    public InvalidRequestException(String title, String detail, List<FieldError> errors) {
        super(detail);
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
