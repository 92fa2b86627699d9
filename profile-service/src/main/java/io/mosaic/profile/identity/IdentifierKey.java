package io.mosaic.profile.identity;

import io.mosaic.events.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One identifier of a customer: its kind and its normalised value ({@code system:id} for external ids). */
public record IdentifierKey(Kind kind, String value) {

    public enum Kind {
        EMAIL("email"),
        PHONE("phone"),
        WHATSAPP("whatsapp"),
        EXTERNAL("external");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Kind fromWireName(String name) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown identifier kind " + name);
        }
    }

    public static List<IdentifierKey> of(Identifiers identifiers) {
        List<IdentifierKey> keys = new ArrayList<>();
        if (identifiers.email() != null) {
            keys.add(new IdentifierKey(Kind.EMAIL, identifiers.email()));
        }
        if (identifiers.phone() != null) {
            keys.add(new IdentifierKey(Kind.PHONE, identifiers.phone()));
        }
        if (identifiers.whatsapp() != null) {
            keys.add(new IdentifierKey(Kind.WHATSAPP, identifiers.whatsapp()));
        }
        for (Map.Entry<String, String> external : identifiers.externalIds().entrySet()) {
            keys.add(external(external.getKey(), external.getValue()));
        }
        return keys;
    }

    public static IdentifierKey external(String system, String id) {
        return new IdentifierKey(Kind.EXTERNAL, system + ":" + id);
    }
}
