package io.mosaic.gateway.routing;

import io.mosaic.gateway.keys.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * One public route: method, path template ({@code /v1/profiles/{customerId}}), the service that answers and the
 * scope it takes (null: any valid key). Literal segments match only as written; a {@code {variable}} segment matches
 * any one segment.
 */
public record Route(
        String method, String template, Service service, Scope scope, List<String> templateSegments, int variables) {

    /** The template's segments are split and counted once here: every request is matched against every route. */
    public Route(String method, String template, Service service, Scope scope) {
        this(method, template, service, scope, List.of(template.substring(1).split("/")));
    }

    private Route(String method, String template, Service service, Scope scope, List<String> segments) {
        this(method, template, service, scope, segments, (int)
                segments.stream().filter(s -> s.startsWith("{")).count());
    }

    /** The service that answers; {@code GATEWAY} for the gateway's own endpoints. */
    public enum Service {
        INGESTION,
        PROFILE,
        SEGMENTATION,
        GATEWAY
    }

    /** The decoded values of the variable segments of {@code path}, a path of this route's shape. */
    List<String> values(RequestPath path) {
        if (variables == 0) {
            return List.of();
        }
        List<String> values = new ArrayList<>(variables);
        for (int i = 0; i < templateSegments.size(); i++) {
            if (templateSegments.get(i).startsWith("{")) {
                values.add(path.segments().get(i).value());
            }
        }
        return values;
    }

    /**
     * The path to forward when {@code path} has this route's shape, else null: literal segments as the template
     * spells them (an escaped or differently cased literal is no match), variables re-encoded from their value.
     */
    String canonical(RequestPath path) {
        List<String> template = templateSegments();
        if (template.size() != path.segments().size()) {
            return null;
        }
        for (int i = 0; i < template.size(); i++) {
            String expected = template.get(i);
            if (!expected.startsWith("{")
                    && !expected.equals(path.segments().get(i).raw())) {
                return null; // before anything is encoded: most routes differ in a literal
            }
        }
        StringBuilder canonical = new StringBuilder(template.size() * 16);
        for (int i = 0; i < template.size(); i++) {
            String expected = template.get(i);
            RequestPath.Segment actual = path.segments().get(i);
            canonical.append('/');
            if (expected.startsWith("{")) {
                canonical.append(RequestPath.encode(actual.value()));
            } else {
                canonical.append(expected);
            }
        }
        return canonical.toString();
    }
}
