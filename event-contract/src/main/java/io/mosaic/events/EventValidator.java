package io.mosaic.events;

import static io.mosaic.events.Presence.OPTIONAL;
import static io.mosaic.events.Presence.REQUIRED;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.properties.CustomerMerged;
import io.mosaic.events.properties.EventProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates and normalises one event as a client sends it (docs/EVENTS.md), reporting every fault with its JSON path.
 * The tenant comes from the caller's credentials, never from the body; {@code receivedAt} is set here.
 */
public final class EventValidator {
    static final Duration MAX_FUTURE = Duration.ofHours(24);
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + Limits.ID_LENGTH + "}");
    private static final Pattern CUSTOMER_ID = Pattern.compile("[^\\p{Cc}\\s][^\\p{Cc}]{0,127}");
    private static final Pattern SYSTEM_NAME = Pattern.compile("[A-Za-z0-9._-]{1," + Limits.KEY_LENGTH + "}");
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final List<String> PLATFORM_FIELDS = List.of("tenant", "receivedAt");

    private final Clock clock;

    public EventValidator(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    public static boolean isValidTenant(String tenant) {
        return tenant != null && TENANT.matcher(tenant).matches();
    }

    public ValidationResult validate(JsonNode input, String tenant) {
        if (!isValidTenant(tenant)) {
            throw new IllegalArgumentException("tenant must be set by the caller's credentials");
        }
        List<FieldError> errors = new ArrayList<>();
        if (input == null || !input.isObject()) {
            errors.add(new FieldError("", "an event must be a JSON object"));
            return new ValidationResult(null, null, errors);
        }
        FieldReader in = FieldReader.root(input, errors);
        Instant now = clock.instant();

        String clientEventId = in.text("eventId", OPTIONAL, EVENT_ID, "1-128 characters of A-Z a-z 0-9 . _ : -");
        EventType type = eventType(in);
        Instant occurredAt = occurredAt(in, now);
        String source = in.text("source", REQUIRED, Limits.SOURCE_LENGTH);
        String customerId = in.text("customerId", REQUIRED, CUSTOMER_ID, "1-128 characters, no control characters");
        Channel channel =
                in.choice("channel", type != null && type.requiresChannel() ? REQUIRED : OPTIONAL, Channel.class);
        Identifiers identifiers = in.object("identifiers", OPTIONAL)
                .map(EventValidator::identifiers)
                .orElse(Identifiers.NONE);
        Integer schemaVersion =
                in.integer("schemaVersion", OPTIONAL, InteractionEvent.SCHEMA_VERSION, InteractionEvent.SCHEMA_VERSION);
        EventProperties properties = type == null ? null : properties(in, type);
        PLATFORM_FIELDS.forEach(field -> in.forbid(field, "is set by Mosaic, never by clients; remove it"));
        in.rejectUnknown();
        if (properties instanceof CustomerMerged merged && Objects.equals(merged.mergedCustomerId(), customerId)) {
            in.fail("properties.mergedCustomerId", "must differ from customerId");
        }

        if (!errors.isEmpty()) {
            return new ValidationResult(null, clientEventId, errors);
        }
        String eventId =
                clientEventId != null ? clientEventId : UUID.randomUUID().toString();
        InteractionEvent event = new InteractionEvent(
                eventId,
                type,
                occurredAt,
                now,
                tenant,
                source,
                customerId,
                channel,
                identifiers,
                properties,
                Objects.requireNonNullElse(schemaVersion, InteractionEvent.SCHEMA_VERSION));
        return new ValidationResult(event, eventId, errors);
    }

    private static EventType eventType(FieldReader in) {
        String name = in.text("type", REQUIRED, Limits.KEY_LENGTH);
        if (name == null) {
            return null;
        }
        for (EventType type : EventType.values()) {
            if (type.wireName().equals(name)) {
                if (type.platformOnly()) {
                    in.fail(
                            "type",
                            "'" + name
                                    + "' is produced by Mosaic itself; to erase a customer use DELETE /v1/profiles/{customerId}");
                    return null;
                }
                return type;
            }
        }
        in.fail("type", "must be one of: " + acceptedTypes());
        return null;
    }

    private static String acceptedTypes() {
        return Arrays.stream(EventType.values())
                .filter(t -> !t.platformOnly())
                .map(EventType::wireName)
                .collect(Collectors.joining(", "));
    }

    private static Instant occurredAt(FieldReader in, Instant now) {
        Instant occurredAt = in.instant("occurredAt", REQUIRED);
        if (occurredAt != null && occurredAt.isAfter(now.plus(MAX_FUTURE))) {
            in.fail("occurredAt", "must not be more than 24 hours in the future");
            return null;
        }
        if (occurredAt != null && occurredAt.isBefore(EARLIEST)) {
            in.fail("occurredAt", "must not be before 1970-01-01T00:00:00Z");
            return null;
        }
        return occurredAt;
    }

    private static EventProperties properties(FieldReader in, EventType type) {
        return PropertiesReader.read(type, in.objectOrEmpty("properties"));
    }

    private static Identifiers identifiers(FieldReader in) {
        String email = in.normalised("email", IdentifierNormalisation::email, "an email address");
        String phone = in.normalised(
                "phone", IdentifierNormalisation::phone, "a phone number with country code, e.g. +6281234567890");
        String whatsapp = in.normalised(
                "whatsapp", IdentifierNormalisation::phone, "a phone number with country code, e.g. +6281234567890");
        Map<String, String> externalIds = externalIds(in);
        in.rejectUnknown();
        return new Identifiers(email, phone, whatsapp, externalIds);
    }

    private static Map<String, String> externalIds(FieldReader in) {
        Map<String, Object> raw = in.scalars("externalIds", false);
        if (raw == null) {
            return Map.of();
        }
        Map<String, String> ids = new LinkedHashMap<>();
        raw.forEach((system, id) -> {
            String path = "externalIds." + system;
            if (!SYSTEM_NAME.matcher(system).matches()) {
                in.fail(path, "system names must be 1-64 characters of A-Z a-z 0-9 . _ -");
            } else if (!(id instanceof String text) || text.length() > Limits.ID_LENGTH) {
                in.fail(path, "must be a string of 1-128 characters");
            } else {
                ids.put(system, text);
            }
        });
        return ids;
    }
}
