package io.mosaic.segmentation.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.events.FieldError;
import java.util.List;
import java.util.Set;

/** What the rule parsers share: the list of faults, each with its path in the rule. */
abstract class ParserSupport {
    final List<FieldError> errors;

    ParserSupport(List<FieldError> errors) {
        this.errors = errors;
    }

    void only(JsonNode node, String path, Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                fail(path + "." + name, "is not a field of this condition");
            }
        });
    }

    Rule fail(String path, String message) {
        errors.add(new FieldError(path, message));
        return null;
    }
}
