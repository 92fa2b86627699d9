package io.mosaic.profile.traits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.events.EventJson;
import io.mosaic.events.InteractionEvent;
import io.mosaic.events.properties.CustomerIdentified;
import io.mosaic.events.properties.SurveyAnswered;
import io.mosaic.events.properties.Traits;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trait fields an event states, flattened to {@code group.field} ({@code demographic.city},
 * {@code custom.vipSince}): {@code customer.identified} traits and the psychographic answers of a survey.
 */
public final class TraitFacts {
    public static final String[] GROUPS = {"demographic", "geographic", "psychographic", "custom"};

    private TraitFacts() {}

    public static Map<String, JsonNode> of(InteractionEvent event) {
        Map<String, JsonNode> facts = new LinkedHashMap<>();
        if (event.properties() instanceof CustomerIdentified identified && identified.traits() != null) {
            Traits traits = identified.traits();
            flatten("demographic", traits.demographic(), facts);
            flatten("geographic", traits.geographic(), facts);
            flatten("psychographic", traits.psychographic(), facts);
            flatten("custom", traits.custom(), facts);
        } else if (event.properties() instanceof SurveyAnswered survey) {
            flatten("psychographic", survey.psychographic(), facts);
        }
        return facts;
    }

    /** The nested view of the profile: {"demographic": {...}, "geographic": {...}, ...}. */
    public static ObjectNode nested(LwwFields traits) {
        ObjectNode view = EventJson.mapper().createObjectNode();
        for (String group : GROUPS) {
            view.putObject(group);
        }
        traits.fields().forEach((name, stamped) -> {
            int dot = name.indexOf('.');
            ((ObjectNode) view.get(name.substring(0, dot))).set(name.substring(dot + 1), stamped.value());
        });
        return view;
    }

    private static void flatten(String group, Object values, Map<String, JsonNode> facts) {
        if (values == null) {
            return;
        }
        JsonNode tree = EventJson.mapper().valueToTree(values);
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isNull()) {
                facts.put(group + "." + field.getKey(), field.getValue());
            }
        }
    }
}
