package io.mosaic.segmentation.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.common.InvalidRequestException;
import io.mosaic.common.NotFoundException;
import io.mosaic.common.kafka.TopicsConfig;
import io.mosaic.events.FieldError;
import io.mosaic.events.SegmentChange;
import io.mosaic.persistence.OffsetStore;
import io.mosaic.persistence.Outbox;
import io.mosaic.segmentation.persistence.MembershipStore;
import io.mosaic.segmentation.persistence.ReplayStore;
import io.mosaic.segmentation.persistence.SegmentStore;
import io.mosaic.segmentation.rules.EventFilter;
import io.mosaic.segmentation.rules.Rule;
import io.mosaic.segmentation.rules.RuleParser;
import io.mosaic.segmentation.rules.SegmentIds;
import io.mosaic.segmentation.segments.SegmentCatalog;
import io.mosaic.segmentation.segments.SegmentDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Creating, changing and removing a tenant's segments; each change is validated and then backfilled. */
@ApplicationScoped
public class SegmentService {
    private final SegmentStore segments;
    private final MembershipStore memberships;
    private final TenantCatalogs catalogs;
    private final Backfiller backfiller;
    private final Outbox outbox;
    private final OutboxRecords outboxRecords;
    private final OffsetStore offsets;
    private final ReplayStore replays;
    private final TopicsConfig topics;
    private final Clock clock;

    public SegmentService(
            SegmentStore segments,
            MembershipStore memberships,
            TenantCatalogs catalogs,
            Backfiller backfiller,
            Outbox outbox,
            OutboxRecords outboxRecords,
            OffsetStore offsets,
            ReplayStore replays,
            TopicsConfig topics,
            Clock clock) {
        this.segments = segments;
        this.memberships = memberships;
        this.catalogs = catalogs;
        this.backfiller = backfiller;
        this.outbox = outbox;
        this.outboxRecords = outboxRecords;
        this.offsets = offsets;
        this.replays = replays;
        this.topics = topics;
        this.clock = clock;
    }

    public record Draft(String id, String name, String description, JsonNode rule) {}

    public List<SegmentStore.StoredSegment> list(String tenant) {
        catalogs.of(tenant); // a tenant that asks first still has its built-in segments
        return segments.list(tenant);
    }

    public Optional<SegmentStore.StoredSegment> find(String tenant, String id) {
        catalogs.of(tenant);
        return segments.find(tenant, id);
    }

    @Transactional
    public SegmentDefinition create(String tenant, Draft draft) {
        catalogs.of(tenant);
        List<FieldError> errors = new ArrayList<>();
        if (!SegmentIds.isValid(draft.id())) {
            errors.add(new FieldError("id", "must be a slug: lower-case letters, digits and dashes, up to 64"));
        }
        SegmentDefinition segment = validate(tenant, draft, errors);
        if (segments.find(tenant, draft.id()).isPresent()) {
            throw new ConflictException("Segment '" + draft.id() + "' exists already; change it with PUT.");
        }
        List<String> fresh = freshSignatures(tenant, segment);
        segments.insert(tenant, segment, false, statusFor(fresh), clock.instant());
        activate(tenant, segment, fresh);
        return segment;
    }

    @Transactional
    public SegmentDefinition replace(String tenant, Draft draft) {
        if (segments.find(tenant, draft.id()).isEmpty()) {
            throw new NotFoundException("No segment '" + draft.id() + "'.");
        }
        SegmentDefinition segment = validate(tenant, draft, new ArrayList<>());
        List<String> fresh = freshSignatures(tenant, segment);
        segments.update(tenant, segment, statusFor(fresh), clock.instant());
        activate(tenant, segment, fresh);
        return segment;
    }

    @Transactional
    public void delete(String tenant, String id) {
        List<String> users = segments.list(tenant).stream()
                .filter(s -> Rule.referencedSegments(s.definition().rule()).contains(id))
                .map(s -> s.definition().id())
                .toList();
        if (!users.isEmpty()) {
            throw new ConflictException("Segment '" + id + "' is used by " + users + "; change those first.");
        }
        if (!segments.delete(tenant, id)) {
            throw new NotFoundException("No segment '" + id + "'.");
        }
        Instant now = clock.instant();
        String after = "";
        List<MembershipStore.Member> page;
        do {
            page = memberships.page(tenant, id, after, 1_000);
            outbox.add(page.stream()
                    .map(member -> outboxRecords.change(
                            tenant, member.customerId(), id, null, SegmentChange.Change.EXITED, now, "segment-deleted"))
                    .toList());
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).customerId();
            }
        } while (page.size() == 1_000);
        memberships.deleteSegment(tenant, id);
        segments.bumpCatalogVersion(tenant);
        catalogs.invalidate(tenant);
    }

    /** Validates a rule without saving it: for previews. */
    public Rule compile(String tenant, JsonNode rule) {
        List<FieldError> errors = new ArrayList<>();
        SegmentDefinition segment = validate(tenant, new Draft("preview", "preview", "", rule), errors);
        return segment.rule();
    }

    private SegmentDefinition validate(String tenant, Draft draft, List<FieldError> errors) {
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
            List<SegmentDefinition> others = segments.list(tenant).stream()
                    .map(SegmentStore.StoredSegment::definition)
                    .filter(s -> !s.id().equals(draft.id()))
                    .toList();
            errors.addAll(SegmentCatalog.referenceErrors(segment, others));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid segment", "The segment cannot be saved; see errors.", errors);
        }
        return segment;
    }

    /** Event conditions of the segment that no saved segment counts yet: their history must be replayed. */
    private List<String> freshSignatures(String tenant, SegmentDefinition segment) {
        Set<String> counted = segments.list(tenant).stream()
                .flatMap(stored -> Rule.eventFilters(stored.definition().rule()).stream())
                .map(EventFilter::signature)
                .collect(Collectors.toSet());
        return Rule.eventFilters(segment.rule()).stream()
                .map(EventFilter::signature)
                .filter(signature -> !counted.contains(signature))
                .toList();
    }

    private static String statusFor(List<String> freshSignatures) {
        return freshSignatures.isEmpty() ? SegmentStore.BACKFILLING : SegmentStore.REPLAYING;
    }

    /**
     * Makes the change visible to consumers from an exact point of the log: with every partition's offset row
     * locked, batches before this transaction did not count the new conditions and batches after it do, so the
     * replay counts exactly the events before {@code liveFrom}.
     */
    private void activate(String tenant, SegmentDefinition segment, List<String> freshSignatures) {
        if (!freshSignatures.isEmpty()) {
            Map<Integer, Long> liveFrom = offsets.lockAll(topics.interactions(), topics.partitions());
            replays.clearCounters(tenant, freshSignatures);
            replays.begin(tenant, segment.id(), freshSignatures, liveFrom);
        }
        segments.bumpCatalogVersion(tenant);
        catalogs.invalidate(tenant);
        TransactionHooks.afterCommit(() -> backfiller.start(tenant, segment.id()));
    }
}
