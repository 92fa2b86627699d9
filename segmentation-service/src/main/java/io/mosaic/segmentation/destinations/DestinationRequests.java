package io.mosaic.segmentation.destinations;

import io.mosaic.common.InvalidRequestException;
import io.mosaic.events.FieldError;
import io.mosaic.segmentation.rules.SegmentIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The bounds of a destination as a tenant writes it (docs/DESTINATIONS.md). */
final class DestinationRequests {
    static final int MAX_NAME = 200;
    static final int MAX_SEGMENTS = 100;
    private static final Set<String> CHANGES = Set.of("entered", "exited");

    private DestinationRequests() {}

    /** The request when every field is within its bounds; otherwise a 400 naming each faulty field. */
    static DestinationResource.DestinationRequest validate(
            DestinationResource.DestinationRequest request, DestinationUrls urls) {
        if (request == null) {
            throw invalid(List.of(new FieldError("url", "is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank() || request.name().length() > MAX_NAME) {
            errors.add(new FieldError("name", "is required, 1-" + MAX_NAME + " characters"));
        }
        urls.refusal(request.url()).ifPresent(why -> errors.add(new FieldError("url", why)));
        if (request.segments() != null) {
            if (request.segments().isEmpty() || request.segments().size() > MAX_SEGMENTS) {
                errors.add(new FieldError(
                        "segments", "must list 1-" + MAX_SEGMENTS + " segment ids, or be left out for every segment"));
            } else {
                for (int i = 0; i < request.segments().size(); i++) {
                    if (!SegmentIds.isValid(request.segments().get(i))) {
                        errors.add(new FieldError("segments[" + i + "]", "is not a segment id"));
                    }
                }
            }
        }
        if (request.changes() != null) {
            if (request.changes().isEmpty() || !CHANGES.containsAll(request.changes())) {
                errors.add(new FieldError("changes", "must list 'entered', 'exited' or both"));
            }
        }
        if (request.include() != null) {
            if (request.include().size() > ProfileFields.MAX_FIELDS) {
                errors.add(new FieldError("include", "at most " + ProfileFields.MAX_FIELDS + " profile fields"));
            } else {
                for (int i = 0; i < request.include().size(); i++) {
                    if (!ProfileFields.isValidPath(request.include().get(i))) {
                        errors.add(new FieldError(
                                "include[" + i + "]",
                                "must be a profile field: identifiers, traits, behavior, segments or consent, and"
                                        + " up to four names below it (traits.geographic.city)"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return request;
    }

    private static InvalidRequestException invalid(List<FieldError> errors) {
        return new InvalidRequestException("Invalid destination", "The destination is not valid.", errors);
    }
}
