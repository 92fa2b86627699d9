package io.mosaic.events.properties;

import java.util.List;
import java.util.Map;

/** Profile traits; each field is last-writer-wins by {@code occurredAt} in the profile. Absent groups are null. */
public record Traits(
        Demographic demographic, Geographic geographic, Psychographic psychographic, Map<String, Object> custom) {

    public record Demographic(
            Integer birthYear,
            String ageRange,
            String gender,
            String education,
            String occupation,
            String incomeBand) {}

    /** {@code country} is an ISO 3166-1 alpha-2 code in upper case. */
    public record Geographic(String country, String region, String city, String district, String postalCode) {}

    public record Psychographic(
            List<String> interests, List<String> values, List<String> lifestyle, List<String> motivations) {}
}
