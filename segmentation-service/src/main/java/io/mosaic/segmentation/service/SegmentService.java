package io.mosaic.segmentation.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.common.InvalidRequestException;
import io.mosaic.common.NotFoundException;
import io.mosaic.events.FieldError;
import io.mosaic.segmentation.rules.Rule;
import io.mosaic.segmentation.rules.RuleParser;
import io.mosaic.segmentation.rules.SegmentIds;
import io.mosaic.segmentation.segments.SegmentCatalog;
import io.mosaic.segmentation.segments.SegmentDefinition;
import io.mosaic.segmentation.stream.DefinitionsLog;
import io.mosaic.segmentation.stream.SegmentationReads;
import io.mosaic.segmentation.stream.TenantDefinitions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creating, changing and removing a tenant's segments: each change is validated here and written to the definitions
 * topic ({@link DefinitionsLog}); the topology picks it up from there, backfills it over the tenant's customers and
 * reports progress, which {@link #list} reads back as the segment's status.
 */
@ApplicationScoped
public class SegmentService {
    private final DefinitionsLog log;
    private final SegmentationReads reads;
    private final Clock clock;

    public SegmentService(DefinitionsLog log, SegmentationReads reads, Clock clock) {
        this.log = log;
        this.reads = reads;
        this.clock = clock;
    }

    public record Draft(String id, String name, String description, JsonNode rule) {}

    public List<SegmentationReads.Segment> list(String tenant) {
        return reads.segments(tenant);
    }

    public Optional<SegmentationReads.Segment> find(String tenant, String id) {
        return list(tenant).stream().filter(s -> s.listed().id().equals(id)).findFirst();
    }

    public void create(String tenant, Draft draft) {
        List<FieldError> errors = new ArrayList<>();
        if (!SegmentIds.isValid(draft.id())) {
            errors.add(new FieldError("id", "must be a slug: lower-case letters, digits and dashes, up to 64"));
        }
        List<SegmentationReads.Segment> existing = list(tenant);
        validate(draft, existing, errors);
        if (existing.stream().anyMatch(s -> s.listed().id().equals(draft.id()))) {
            throw new ConflictException("Segment '" + draft.id() + "' exists already; change it with PUT.");
        }
        Instant now = clock.instant();
        log.put(tenant, definition(draft, now, now));
    }

    public void replace(String tenant, Draft draft) {
        List<SegmentationReads.Segment> existing = list(tenant);
        TenantDefinitions.Listed current = existing.stream()
                .map(SegmentationReads.Segment::listed)
                .filter(listed -> listed.id().equals(draft.id()))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No segment '" + draft.id() + "'."));
        validate(draft, existing, new ArrayList<>());
        Instant now = clock.instant();
        log.put(tenant, definition(draft, current.createdAt() == null ? now : current.createdAt(), now));
    }

    public void delete(String tenant, String id) {
        List<SegmentationReads.Segment> existing = list(tenant);
        TenantDefinitions.Listed current = existing.stream()
                .map(SegmentationReads.Segment::listed)
                .filter(listed -> listed.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No segment '" + id + "'."));
        List<String> users = existing.stream()
                .map(SegmentationReads.Segment::listed)
                .filter(listed -> listed.definition() != null)
                .filter(listed ->
                        Rule.referencedSegments(listed.definition().rule()).contains(id))
                .map(TenantDefinitions.Listed::id)
                .toList();
        if (!users.isEmpty()) {
            throw new ConflictException("Segment '" + id + "' is used by " + users + "; change those first.");
        }
        if (current.builtIn()) { // a built-in segment exists without a record: a "deleted" record removes it
            Instant now = clock.instant();
            log.put(
                    tenant,
                    new TenantDefinitions.Definition(
                            id, current.name(), current.description(), current.rule(), true, now, now));
        } else {
            log.remove(tenant, id);
        }
    }

    /** Validates a rule without saving it: for previews. */
    public SegmentDefinition compile(String tenant, JsonNode rule) {
        return validate(new Draft("preview", "preview", "", rule), list(tenant), new ArrayList<>());
    }

    private static TenantDefinitions.Definition definition(Draft draft, Instant createdAt, Instant updatedAt) {
        return new TenantDefinitions.Definition(
                draft.id(),
                draft.name(),
                draft.description() == null ? "" : draft.description(),
                draft.rule(),
                false,
                createdAt,
                updatedAt);
    }

    private static SegmentDefinition validate(
            Draft draft, List<SegmentationReads.Segment> existing, List<FieldError> errors) {
        if (draft.name() == null || draft.name().isBlank() || draft.name().length() > 200) {
            errors.add(new FieldError("name", "is required: 1-200 characters"));
        }
        if (draft.description() != null && draft.description().length() > 2_000) {
            errors.add(new FieldError("description", "must be at most 2000 characters"));
        }
        RuleParser.Result parsed = draft.rule() == null
                ? new RuleParser.Result(null, List.of(new FieldError("rule", "is required")))
                : RuleParser.parse(draft.rule());
        errors.addAll(parsed.errors());
        SegmentDefinition segment = null;
        if (parsed.valid()) {
            segment = new SegmentDefinition(
                    draft.id(),
                    draft.name(),
                    draft.description() == null ? "" : draft.description(),
                    draft.rule(),
                    parsed.rule());
            List<SegmentDefinition> others = existing.stream()
                    .map(SegmentationReads.Segment::listed)
                    .filter(listed ->
                            listed.definition() != null && !listed.id().equals(draft.id()))
                    .map(TenantDefinitions.Listed::definition)
                    .toList();
            errors.addAll(SegmentCatalog.referenceErrors(segment, others));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid segment", "The segment cannot be saved; see errors.", errors);
        }
        return segment;
    }
}
