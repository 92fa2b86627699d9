package io.mosaic.profile.service;

import io.mosaic.common.NotFoundException;
import io.mosaic.persistence.CustomerAliases;
import io.mosaic.profile.identity.IdentifierKey;
import io.mosaic.profile.persistence.ProfileReader;
import io.mosaic.profile.persistence.ProfileStore;
import io.mosaic.profile.persistence.TimelineStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Reads of the merged profile; see {@link ProfileReader}. */
@ApplicationScoped
public class ProfileQueries {
    private final ProfileStore profiles;
    private final CustomerAliases aliases;
    private final ProfileReader reader;
    private final TimelineStore timeline;

    public ProfileQueries(
            ProfileStore profiles, CustomerAliases aliases, ProfileReader reader, TimelineStore timeline) {
        this.profiles = profiles;
        this.aliases = aliases;
        this.reader = reader;
        this.timeline = timeline;
    }

    /** The profile's JSON; a merged-away id answers its survivor's profile. */
    public String byId(String tenant, String customerId) {
        return reader.read(tenant, customerId).orElseThrow(() -> notFound(customerId));
    }

    /** The one profile that holds the identifier; {@code field} names the query parameter in errors. */
    public String byIdentifier(String tenant, IdentifierKey key, String field) {
        Optional<String> profile = reader.readByIdentifier(tenant, key); // one holder: the usual case, one query
        if (profile.isPresent()) {
            return profile.get();
        }
        List<String> customers = reader.holders(tenant, key);
        if (customers.isEmpty()) {
            throw new NotFoundException("No customer with this " + field + ".");
        }
        if (customers.size() > 1) {
            throw new AmbiguousIdentifierException(field, customers);
        }
        return byId(tenant, customers.get(0));
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
