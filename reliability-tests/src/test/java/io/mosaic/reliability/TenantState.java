package io.mosaic.reliability;

import static io.mosaic.reliability.Client.as;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a tenant's clients can see of its customers, read through the public API: every profile (without the
 * fields that say when something was computed rather than what; a merged-away id as the id it was merged into),
 * every event in each surviving profile's timeline by id, and the members of every segment. Two tenants fed the same events must end in equal states, faults or not.
 */
record TenantState(
        Map<String, String> profiles, Map<String, List<String>> timelines, Map<String, TreeSet<String>> members) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** When it was computed or written, not what: differs between two runs over the same events. */
    private static final List<String> VOLATILE = List.of("updatedAt", "version");

    static TenantState read(String key, Collection<String> customerIds) {
        Map<String, String> profiles = new TreeMap<>();
        Map<String, List<String>> timelines = new TreeMap<>();
        for (String customerId : customerIds) {
            Response response = as(key).get("/v1/profiles/" + customerId);
            if (response.statusCode() == 404) {
                profiles.put(customerId, "absent");
                continue;
            }
            String survivor = response.then().statusCode(200).extract().path("customerId");
            if (!survivor.equals(customerId)) {
                profiles.put(customerId, "merged into " + survivor); // its events are in the survivor's timeline
                continue;
            }
            profiles.put(customerId, normalized(response.asString()));
            timelines.put(customerId, timeline(key, customerId));
        }
        Map<String, TreeSet<String>> members = new TreeMap<>();
        for (String segmentId : as(key).get("/v1/segments")
                .then()
                .statusCode(200)
                .extract()
                .<String>jsonPath()
                .getList("items.id", String.class)) {
            members.put(segmentId, members(key, segmentId));
        }
        return new TenantState(profiles, timelines, members);
    }

    /**
     * Reads until two reads two seconds apart agree (for at most a minute): tenant-wide scores (RFM quintiles) are
     * recomputed on a timer and settle some seconds after the last event was applied.
     */
    static TenantState readSettled(String key, Collection<String> customerIds) {
        AtomicReference<TenantState> last = new AtomicReference<>(read(key, customerIds));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    TenantState now = read(key, customerIds);
                    return now.equals(last.getAndSet(now));
                });
        return last.get();
    }

    /**
     * This state without what depends on the time it is read at, for comparing states read minutes apart: RFM
     * scores (a customer's recency in whole days against the tenant's quintiles, recomputed on a timer) cross a cut
     * as the clock moves, and with them the loyalty tier and the VIP segment (rfm.score >= 13).
     */
    TenantState withoutReadTimeScores() {
        Map<String, String> stripped = new TreeMap<>();
        profiles.forEach((id, profile) -> {
            if (!profile.startsWith("{")) {
                stripped.put(id, profile);
                return;
            }
            ObjectNode node = (ObjectNode) readTree(profile);
            JsonNode behavior = node.path("behavior");
            if (behavior instanceof ObjectNode behaviorNode) {
                behaviorNode.remove("loyaltyTier");
                if (behaviorNode.path("rfm") instanceof ObjectNode rfm) {
                    rfm.remove("score");
                }
            }
            if (node.path("segments") instanceof com.fasterxml.jackson.databind.node.ArrayNode segments) {
                for (int i = segments.size() - 1; i >= 0; i--) {
                    if (segments.get(i).path("id").asText().equals("vip")) {
                        segments.remove(i);
                    }
                }
            }
            stripped.put(id, node.toString());
        });
        Map<String, TreeSet<String>> membersWithoutVip = new TreeMap<>(members);
        membersWithoutVip.remove("vip");
        return new TenantState(stripped, timelines, membersWithoutVip);
    }

    /** Customers whose profile shows an RFM score. */
    long rfmScored() {
        return profiles.values().stream()
                .filter(profile -> profile.startsWith("{"))
                .filter(profile ->
                        readTree(profile).path("behavior").path("rfm").hasNonNull("score"))
                .count();
    }

    /** What differs between two states, one line per customer or segment, at most 20. */
    static List<String> differences(TenantState actual, TenantState expected) {
        List<String> lines = new ArrayList<>();
        expected.profiles.forEach((id, profile) -> {
            if (!profile.equals(actual.profiles.get(id))) {
                lines.add("profile " + id + ": expected " + profile + " but was " + actual.profiles.get(id));
            }
        });
        expected.timelines.forEach((id, timeline) -> {
            if (!timeline.equals(actual.timelines.get(id))) {
                lines.add("timeline " + id + ": expected " + timeline + " but was " + actual.timelines.get(id));
            }
        });
        expected.members.forEach((segment, members) -> {
            if (!members.equals(actual.members.get(segment))) {
                lines.add("segment " + segment + ": expected " + members + " but was " + actual.members.get(segment));
            }
        });
        if (!actual.members.keySet().equals(expected.members.keySet())) {
            lines.add("segments: expected " + expected.members.keySet() + " but was " + actual.members.keySet());
        }
        return lines.stream().limit(20).toList();
    }

    /** Every event id in the timelines, once per appearance. */
    List<String> timelineEvents() {
        return timelines.values().stream().flatMap(List::stream).toList();
    }

    /** The behavior counters that count one per event: an event applied twice shows in one of them. */
    private static final List<String> COUNTERS =
            List.of("/purchases/count", "/tickets/total", "/csat/count", "/promotions/sent", "/promotions/responded");

    /**
     * Events counted more than once in behavior: per customer, how far each counter of one per event (purchases,
     * tickets, CSAT answers, promotions sent and responded, interactions per channel) stands above a clean run's.
     */
    long excessCounts(TenantState clean) {
        long excess = 0;
        for (Map.Entry<String, String> entry : clean.profiles.entrySet()) {
            String mine = profiles.get(entry.getKey());
            if (!entry.getValue().startsWith("{") || mine == null || !mine.startsWith("{")) {
                continue;
            }
            JsonNode expected = readTree(entry.getValue()).path("behavior");
            JsonNode actual = readTree(mine).path("behavior");
            for (String counter : COUNTERS) {
                excess += Math.max(
                        0, actual.at(counter).asLong() - expected.at(counter).asLong());
            }
            for (var channels = actual.path("channels").fields(); channels.hasNext(); ) {
                var channel = channels.next();
                excess += Math.max(
                        0,
                        channel.getValue().asLong()
                                - expected.path("channels")
                                        .path(channel.getKey())
                                        .asLong());
            }
        }
        return excess;
    }

    /** Purchases counted in the profiles' behavior, which segmentation computed. */
    long purchasesCounted() {
        return profiles.values().stream()
                .filter(profile -> profile.startsWith("{"))
                .mapToLong(profile -> readTree(profile)
                        .path("behavior")
                        .path("purchases")
                        .path("count")
                        .asLong())
                .sum();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String normalized(String profile) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(profile);
            VOLATILE.forEach(node::remove);
            for (JsonNode segment : node.path("segments")) {
                ((ObjectNode) segment).remove("since");
            }
            return JSON.writeValueAsString(node);
        } catch (java.io.IOException e) {
            throw new AssertionError("a profile that is not JSON: " + profile, e);
        }
    }

    private static List<String> timeline(String key, String customerId) {
        List<String> eventIds = new ArrayList<>();
        String cursor = null;
        do {
            Response page = as(key).queryParam("limit", 200)
                    .queryParams(cursor == null ? Map.of() : Map.of("before", cursor))
                    .get("/v1/profiles/" + customerId + "/timeline");
            if (page.statusCode() == 404) {
                return eventIds;
            }
            eventIds.addAll(page.then().statusCode(200).extract().jsonPath().getList("items.eventId", String.class));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        return eventIds;
    }

    private static TreeSet<String> members(String key, String segmentId) {
        TreeSet<String> customerIds = new TreeSet<>();
        String cursor = null;
        do {
            Response page = as(key).queryParam("limit", 1000)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/v1/segments/" + segmentId + "/members");
            customerIds.addAll(
                    page.then().statusCode(200).extract().jsonPath().getList("items.customerId", String.class));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        return customerIds;
    }
}
