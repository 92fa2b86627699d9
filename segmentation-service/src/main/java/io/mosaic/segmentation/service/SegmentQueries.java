package io.mosaic.segmentation.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.common.NotFoundException;
import io.mosaic.common.Paging;
import io.mosaic.segmentation.persistence.CustomerStore;
import io.mosaic.segmentation.persistence.MembershipStore;
import io.mosaic.segmentation.persistence.SegmentStore;
import io.mosaic.segmentation.rules.Rule;
import io.mosaic.segmentation.segments.CustomerEvaluation;
import io.mosaic.segmentation.segments.SegmentDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Read-only questions about segments: who is in one, and who would be in a rule not saved yet. */
@ApplicationScoped
public class SegmentQueries {
    private static final int PAGE = 500;
    private static final int SAMPLE = 20;

    private final SegmentService segments;
    private final SegmentStore store;
    private final CustomerStore customers;
    private final MembershipStore memberships;
    private final Clock clock;

    public SegmentQueries(
            SegmentService segments,
            SegmentStore store,
            CustomerStore customers,
            MembershipStore memberships,
            Clock clock) {
        this.segments = segments;
        this.store = store;
        this.customers = customers;
        this.memberships = memberships;
        this.clock = clock;
    }

    public record Preview(long size, List<String> sample) {}

    public record MembersPage(List<MembershipStore.Member> items, String nextCursor) {}

    /** Evaluates a rule over every customer of the tenant, as of now, without saving anything. */
    public Preview preview(String tenant, JsonNode ruleJson) {
        Rule rule = segments.compile(tenant, ruleJson);
        SegmentDefinition draft = new SegmentDefinition("preview", "preview", "", ruleJson, rule);
        Instant now = clock.instant();
        var scale = store.rfmScale(tenant);
        long size = 0;
        List<String> sample = new ArrayList<>();
        String after = "";
        List<String> page;
        do {
            page = customers.idsAfter(tenant, after, PAGE);
            Map<String, Map<String, Instant>> current = memberships.of(tenant, page);
            List<String> matching = new ArrayList<>();
            customers.forEachAggregate(tenant, page, (id, aggregate) -> {
                var evaluation = new CustomerEvaluation(
                        aggregate,
                        now,
                        scale,
                        current.getOrDefault(id, Map.of()).keySet());
                if (evaluation.evaluate(List.of(draft)).contains("preview")) {
                    matching.add(id);
                }
            });
            size += matching.size();
            matching.stream().sorted().limit(SAMPLE - sample.size()).forEach(sample::add);
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1);
            }
        } while (page.size() == PAGE);
        return new Preview(size, sample);
    }

    public MembersPage members(String tenant, String segmentId, int limit, String cursor) {
        if (segments.find(tenant, segmentId).isEmpty()) {
            throw new NotFoundException("No segment '" + segmentId + "'.");
        }
        String position = Paging.decodeCursor(cursor, "cursor");
        String after = position == null ? "" : position;
        List<MembershipStore.Member> items = memberships.page(tenant, segmentId, after, limit);
        String next = items.size() == limit
                ? Paging.encodeCursor(items.get(items.size() - 1).customerId())
                : null;
        return new MembersPage(items, next);
    }
}
