package io.mosaic.profile.stream;

import java.time.Instant;

/**
 * What segmentation publishes about a customer, kept in its state for the document: the latest behavior summary and
 * the segments it is in. Records about an id merged away are segmentation's to publish again under the survivor;
 * records about an erased customer from before its erasure are dropped.
 */
final class DerivedUpdates {
    private final CustomerStore customers;

    DerivedUpdates(CustomerStore customers) {
        this.customers = customers;
    }

    /** Segmentation's latest summary of the customer ({@code null}: it publishes none any more). */
    void behavior(String key, String tenant, String summary, Instant asOf) {
        ProfileState state = customers.get(key);
        if (state != null && state.isPointer()) {
            return; // segmentation publishes the survivor's summary under the survivor's key
        }
        if (summary == null) {
            if (state != null && state.behavior != null) {
                state.behavior = null;
                keep(key, state);
            }
            return;
        }
        if (customers.erasedSince(tenant, ProfileUpdates.customerOf(key, tenant), asOf)) {
            return;
        }
        ProfileState next = state == null ? new ProfileState() : state;
        next.behavior = summary;
        customers.changed(key, next, false);
    }

    /** A state that held only derived data and has none left (an erased customer's, say) is not kept. */
    private void keep(String key, ProfileState state) {
        if (!state.isProfile() && state.behavior == null && state.segments.isEmpty() && state.aliases.isEmpty()) {
            customers.delete(key);
        } else {
            customers.changed(key, state, false);
        }
    }

    /** A segment the customer entered ({@code membership}) or left ({@code null}). */
    void segment(String key, String tenant, String segmentId, ProfileState.Membership membership, Instant at) {
        ProfileState state = customers.get(key);
        if (state != null && state.isPointer()) {
            return;
        }
        if (membership == null) {
            if (state != null && state.segments.remove(segmentId) != null) {
                keep(key, state);
            }
            return;
        }
        if (customers.erasedSince(tenant, ProfileUpdates.customerOf(key, tenant), at)) {
            return;
        }
        ProfileState next = state == null ? new ProfileState() : state;
        next.segments.put(segmentId, membership);
        customers.changed(key, next, false);
    }
}
