package io.mosaic.profile.service;

import java.util.List;

/** An identifier that several customers share (a family phone): the caller has to pick one by id. */
public class AmbiguousIdentifierException extends RuntimeException {
    private final String field;
    private final List<String> customerIds;

    public AmbiguousIdentifierException(String field, List<String> customerIds) {
        super("The " + field + " belongs to " + customerIds.size()
                + " customers; read one of them by id: GET /v1/profiles/{customerId}.");
        this.field = field;
        this.customerIds = customerIds;
    }

    public String field() {
        return field;
    }

    public List<String> customerIds() {
        return customerIds;
    }
}
