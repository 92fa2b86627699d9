package io.mosaic.profile.service;

import io.mosaic.common.NotFoundException;
import io.mosaic.persistence.CustomerAliases;
import io.mosaic.profile.identity.IdentifierKey;
import io.mosaic.profile.persistence.DerivedStore;
import io.mosaic.profile.persistence.IdentifierStore;
import io.mosaic.profile.persistence.ProfileRow;
import io.mosaic.profile.persistence.ProfileStore;
import io.mosaic.profile.persistence.TimelineStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Reads of the merged profile: each part a single indexed lookup, never a scan. */
@ApplicationScoped
public class ProfileQueries {
    private final ProfileStore profiles;
    private final CustomerAliases aliases;
    private final IdentifierStore identifiers;
    private final DerivedStore derived;
    private final TimelineStore timeline;

    public ProfileQueries(
            ProfileStore profiles,
            CustomerAliases aliases,
            IdentifierStore identifiers,
            DerivedStore derived,
            TimelineStore timeline) {
        this.profiles = profiles;
        this.aliases = aliases;
        this.identifiers = identifiers;
        this.derived = derived;
        this.timeline = timeline;
    }

    /** Everything the profile shows, gathered for the surviving customer. */
    public record Profile(
            ProfileRow row,
            List<String> mergedCustomerIds,
            List<IdentifierStore.Presented> identifiers,
            Optional<DerivedStore.Behavior> behavior,
            List<DerivedStore.Membership> segments) {}

    /** A merged-away id answers its survivor's profile. */
    public Profile byId(String tenant, String customerId) {
        String survivor = survivorOf(tenant, customerId);
        ProfileRow row = profiles.find(tenant, survivor).orElseThrow(() -> notFound(customerId));
        List<String> merged =
                aliases.aliasesOf(tenant, survivor).stream().sorted().toList();
        List<String> ids = new ArrayList<>(merged);
        ids.add(survivor);
        return new Profile(
                row,
                merged,
                identifiers.of(tenant, ids),
                derived.behavior(tenant, survivor),
                derived.memberships(tenant, survivor));
    }

    /** The one profile that holds the identifier; {@code field} names the query parameter in errors. */
    public Profile byIdentifier(String tenant, IdentifierKey key, String field) {
        List<String> presentedBy = identifiers.holders(tenant, key).stream()
                .map(IdentifierStore.Presented::customerId)
                .toList();
        if (presentedBy.isEmpty()) {
            throw new NotFoundException("No customer with this " + field + ".");
        }
        Map<String, String> survivors = aliases.survivors(tenant, presentedBy);
        TreeSet<String> customers = new TreeSet<>();
        presentedBy.forEach(id -> customers.add(survivors.getOrDefault(id, id)));
        if (customers.size() > 1) {
            throw new AmbiguousIdentifierException(field, List.copyOf(customers));
        }
        return byId(tenant, customers.first());
    }

    public List<TimelineStore.Entry> timeline(
            String tenant, String customerId, TimelineStore.Position before, int limit) {
        String survivor = survivorOf(tenant, customerId);
        if (profiles.find(tenant, survivor).isEmpty()) {
            throw notFound(customerId);
        }
        return timeline.page(tenant, survivor, before, limit);
    }

    /** The surviving customer id, if the customer has a profile. */
    public Optional<String> existing(String tenant, String customerId) {
        String survivor = survivorOf(tenant, customerId);
        return profiles.find(tenant, survivor).map(row -> survivor);
    }

    private String survivorOf(String tenant, String customerId) {
        return aliases.survivors(tenant, List.of(customerId)).getOrDefault(customerId, customerId);
    }

    private static NotFoundException notFound(String customerId) {
        return new NotFoundException("No customer '" + customerId + "'.");
    }
}
