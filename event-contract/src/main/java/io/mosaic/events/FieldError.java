package io.mosaic.events;

/** One fault in client input: the JSON path of the field ({@code properties.items[0].quantity}) and what is wrong. */
public record FieldError(String field, String message) {}
