package io.mosaic.segmentation.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.common.NotFoundException;
import io.mosaic.common.Paging;
import io.mosaic.segmentation.app.PeerQueries;
import io.mosaic.segmentation.persistence.MembershipStore;
import io.mosaic.segmentation.stream.SegmentationReads;
import io.mosaic.segmentation.stream.StateQueries;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Read-only questions about segments: who is in one and how many (the membership table the sink keeps), who would
 * be in a rule not saved yet and what a segment's customers look like (the topology's customer store).
 */
@ApplicationScoped
public class SegmentQueries {
    private static final int SAMPLE = 20;

    private final SegmentService segments;
    private final SegmentationReads reads;
    private final PeerQueries peers;
    private final MembershipStore memberships;
    private final Clock clock;

    public SegmentQueries(
            SegmentService segments,
            SegmentationReads reads,
            PeerQueries peers,
            MembershipStore memberships,
            Clock clock) {
        this.segments = segments;
        this.reads = reads;
        this.peers = peers;
        this.memberships = memberships;
        this.clock = clock;
    }

    public record MembersPage(List<MembershipStore.Member> items, String nextCursor) {}

    /**
     * Evaluates a rule over every customer of the tenant, as of now, without saving anything: this instance's
     * customers and every other instance's share.
     */
    public StateQueries.Preview preview(String tenant, JsonNode ruleJson) {
        Instant now = clock.instant();
        StateQueries.Preview preview = reads.preview(tenant, segments.compile(tenant, ruleJson), now, SAMPLE);
        for (HostInfo peer : peers.others()) {
            preview = StateQueries.merge(preview, peers.preview(peer, tenant, ruleJson, now), SAMPLE);
        }
        return preview;
    }

    /** The segment described against the tenant's whole base: every instance's customers. */
    public Insights.Report insights(String tenant, String segmentId) {
        requireSegment(tenant, segmentId);
        Instant now = clock.instant();
        StateQueries.InsightsTally tally = reads.insights(tenant, segmentId, now);
        for (HostInfo peer : peers.others()) {
            tally = tally.merge(peers.insights(peer, tenant, segmentId, now));
        }
        return StateQueries.report(segmentId, tally);
    }

    public MembersPage members(String tenant, String segmentId, int limit, String cursor) {
        requireSegment(tenant, segmentId);
        String position = Paging.decodeCursor(cursor, "cursor");
        String after = position == null ? "" : position;
        List<MembershipStore.Member> items = memberships.page(tenant, segmentId, after, limit);
        String next = items.size() == limit
                ? Paging.encodeCursor(items.get(items.size() - 1).customerId())
                : null;
        return new MembersPage(items, next);
    }

    /** How the segment moved over the last {@code days} days (UTC) up to today, oldest first. */
    public History history(String tenant, String segmentId, int days) {
        requireSegment(tenant, segmentId);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return new History(segmentId, days, memberships.history(tenant, segmentId, today, days));
    }

    public record History(String segmentId, int days, List<MembershipStore.Day> items) {}

    private void requireSegment(String tenant, String segmentId) {
        if (segments.find(tenant, segmentId).isEmpty()) {
            throw new NotFoundException("No segment '" + segmentId + "'.");
        }
    }
}
