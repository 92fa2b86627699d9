package io.mosaic.events;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What a profile read looks for: a key of the profile read model, its kind ({@code id}, {@code email},
 * {@code phone}, {@code whatsapp} or {@code external}) and its normalised value, and the request field that named
 * it. The profile service and the gateway (which serves ready profiles itself) both parse a read here, so that
 * the two always look for the same key.
 */
public record ProfileLookup(String kind, String value, String field) {
    /** The query parameters of a read by identifier, in the order they are named in errors. */
    public static final List<String> PARAMETERS = List.of("email", "externalId", "phone", "whatsapp");

    /** A read by customer id: its own id or one merged into its survivor. */
    public static ProfileLookup byId(String customerId) {
        return new ProfileLookup("id", customerId, "customerId");
    }

    /**
     * A read by exactly one identifier; {@code parameter} gives a query parameter's value or null. Blank values
     * count as absent; values are trimmed, emails and phone numbers normalised as on the way in.
     */
    public static ProfileLookup byIdentifier(UnaryOperator<String> parameter) throws Invalid {
        Map<String, String> given = new TreeMap<>();
        for (String name : PARAMETERS) {
            String value = parameter.apply(name);
            if (value != null && !value.isBlank()) {
                given.put(name, value.trim());
            }
        }
        if (given.size() != 1) {
            throw new Invalid(
                    "Invalid lookup",
                    "Give exactly one of email, phone, whatsapp or externalId (system:id).",
                    given.isEmpty() ? "email" : String.join(",", given.keySet()),
                    "exactly one identifier is required");
        }
        Map.Entry<String, String> only = given.entrySet().iterator().next();
        String field = only.getKey();
        String raw = only.getValue();
        return switch (field) {
            case "email" ->
                new ProfileLookup(
                        "email",
                        IdentifierNormalisation.email(raw).orElseThrow(() -> invalid(field, "is not an email address")),
                        field);
            case "phone", "whatsapp" ->
                new ProfileLookup(
                        field,
                        IdentifierNormalisation.phone(raw)
                                .orElseThrow(() -> invalid(field, "is not a phone number with its country code")),
                        field);
            default -> {
                int colon = raw.indexOf(':');
                if (colon <= 0 || colon == raw.length() - 1) {
                    throw invalid(field, "must be system:id, for example shop:12345");
                }
                yield new ProfileLookup("external", raw, field);
            }
        };
    }

    private static Invalid invalid(String field, String message) {
        return new Invalid("Invalid request", field + " " + message + ".", field, message);
    }

    /** A read that names no single valid identifier: a 400 with this title and detail, naming {@code field}. */
    public static final class Invalid extends Exception {
        private final String title;
        private final String field;
        private final String reason;

        Invalid(String title, String detail, String field, String reason) {
            super(detail, null, false, false);
            this.title = title;
            this.field = field;
            this.reason = reason;
        }

        public String title() {
            return title;
        }

        public String detail() {
            return getMessage();
        }

        public FieldError fieldError() {
            return new FieldError(field, reason);
        }
    }
}
