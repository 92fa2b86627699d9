package io.mosaic.profile.service;

import io.mosaic.common.NotFoundException;
import io.mosaic.events.ProfileLookup;
import io.mosaic.profile.readmodel.ProfileReads;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Reads of the merged profile from the read model; see {@link ProfileReads}. */
@ApplicationScoped
public class ProfileQueries {
    private final ProfileReads reads;

    public ProfileQueries(ProfileReads reads) {
        this.reads = reads;
    }

    /** The profile's JSON; a merged-away id answers its survivor's profile. */
    public String byId(String tenant, String customerId) {
        return survivor(tenant, customerId)
                .orElseThrow(() -> notFound(customerId))
                .document();
    }

    /** The one profile that holds the identifier; the lookup's field names the query parameter in errors. */
    public String byIdentifier(String tenant, ProfileLookup lookup) {
        List<ProfileReads.Found> found = reads.find(tenant, lookup.kind(), lookup.value());
        if (found.isEmpty()) {
            throw new NotFoundException("No customer with this " + lookup.field() + ".");
        }
        if (found.size() > 1) {
            throw new AmbiguousIdentifierException(
                    lookup.field(),
                    found.stream()
                            .limit(ProfileReads.MAX_HOLDERS)
                            .map(ProfileReads.Found::customerId)
                            .toList());
        }
        return found.get(0).document();
    }

    /** Up to {@code limit} timeline entries of the customer (or its survivor) before {@code position}, newest first. */
    public List<ProfileReads.Entry> timeline(String tenant, String customerId, String before, int limit) {
        String survivor = existing(tenant, customerId).orElseThrow(() -> notFound(customerId));
        return reads.timeline(tenant, survivor, before, limit);
    }

    /** The surviving customer id, if the customer has a profile. */
    public Optional<String> existing(String tenant, String customerId) {
        return survivor(tenant, customerId).map(ProfileReads.Found::customerId);
    }

    private Optional<ProfileReads.Found> survivor(String tenant, String customerId) {
        ProfileLookup id = ProfileLookup.byId(customerId);
        return reads.find(tenant, id.kind(), id.value()).stream().findFirst();
    }

    private static NotFoundException notFound(String customerId) {
        return new NotFoundException("No customer '" + customerId + "'.");
    }
}
