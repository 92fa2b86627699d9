package io.mosaic.segmentation.behavior;

import io.mosaic.events.properties.Traits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flattens traits into dotted paths ({@code demographic.gender}), the names rules and insights use. */
public final class TraitPaths {
    public static final List<String> DEMOGRAPHIC =
            List.of("birthYear", "ageRange", "gender", "education", "occupation", "incomeBand");
    public static final List<String> GEOGRAPHIC = List.of("country", "region", "city", "district", "postalCode");
    public static final List<String> PSYCHOGRAPHIC = List.of("interests", "values", "lifestyle", "motivations");

    private TraitPaths() {}

    public static Map<String, Object> of(Traits traits) {
        Map<String, Object> paths = new LinkedHashMap<>();
        if (traits == null) {
            return paths;
        }
        if (traits.demographic() != null) {
            Traits.Demographic d = traits.demographic();
            put(paths, "demographic.birthYear", d.birthYear());
            put(paths, "demographic.ageRange", d.ageRange());
            put(paths, "demographic.gender", d.gender());
            put(paths, "demographic.education", d.education());
            put(paths, "demographic.occupation", d.occupation());
            put(paths, "demographic.incomeBand", d.incomeBand());
        }
        if (traits.geographic() != null) {
            Traits.Geographic g = traits.geographic();
            put(paths, "geographic.country", g.country());
            put(paths, "geographic.region", g.region());
            put(paths, "geographic.city", g.city());
            put(paths, "geographic.district", g.district());
            put(paths, "geographic.postalCode", g.postalCode());
        }
        if (traits.psychographic() != null) {
            Traits.Psychographic p = traits.psychographic();
            put(paths, "psychographic.interests", p.interests());
            put(paths, "psychographic.values", p.values());
            put(paths, "psychographic.lifestyle", p.lifestyle());
            put(paths, "psychographic.motivations", p.motivations());
        }
        if (traits.custom() != null) {
            traits.custom().forEach((key, value) -> put(paths, "custom." + key, value));
        }
        return paths;
    }

    /** Whether rules may name this trait: a known field, or any key under {@code custom.}. */
    public static boolean isKnown(String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String group = path.substring(0, dot);
        String field = path.substring(dot + 1);
        return switch (group) {
            case "demographic" -> DEMOGRAPHIC.contains(field);
            case "geographic" -> GEOGRAPHIC.contains(field);
            case "psychographic" -> PSYCHOGRAPHIC.contains(field);
            case "custom" -> !field.isEmpty();
            default -> false;
        };
    }

    private static void put(Map<String, Object> paths, String path, Object value) {
        if (value != null) {
            paths.put(path, value);
        }
    }
}
