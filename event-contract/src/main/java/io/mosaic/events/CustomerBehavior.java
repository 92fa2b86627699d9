package io.mosaic.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A record of the compacted {@code mosaic-segmentation-customer-behavior-changelog} (the changelog of segmentation's
 * behavior store, one record per changed customer per commit): the latest behavior summary of one customer, the
 * {@code behavior} object of the profile (docs/API.md), as of {@code asOf}. A null record value (tombstone) means the
 * customer has no behavior any more (erased, merged away, or profiling consent withdrawn).
 */
public record CustomerBehavior(String tenant, String customerId, Instant asOf, JsonNode behavior) {}
