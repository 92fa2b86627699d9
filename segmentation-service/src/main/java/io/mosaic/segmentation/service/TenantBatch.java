package io.mosaic.segmentation.service;

import io.mosaic.events.InteractionEvent;
import io.mosaic.events.properties.ConsentUpdated;
import io.mosaic.events.properties.CustomerMerged;
import io.mosaic.persistence.CustomerHash;
import io.mosaic.segmentation.behavior.CustomerAggregate;
import io.mosaic.segmentation.persistence.CustomerStore;
import io.mosaic.segmentation.persistence.IdentityStore;
import io.mosaic.segmentation.persistence.MembershipStore;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tenant's events of one consumed batch, applied in order inside the batch's transaction. Loads what the
 * events touch in a few queries, applies merges, consent and erasures as they come, and hands the changed
 * customers to the committer.
 */
final class TenantBatch {
    private final TenantContext context;
    private final CustomerStore customers;
    private final IdentityStore identities;
    private final MembershipStore memberships;
    private final Map<String, String> survivors = new HashMap<>();
    private final Map<String, IdentityStore.Consent> consents;
    private final Map<String, Instant> erasures;
    private final Map<String, WorkingCustomer> working = new LinkedHashMap<>();
    private final Map<String, CustomerAggregate> stored;
    private final Map<String, Map<String, Instant>> storedMemberships;

    TenantBatch(
            TenantContext context,
            List<InteractionEvent> events,
            CustomerStore customers,
            IdentityStore identities,
            MembershipStore memberships) {
        this.context = context;
        this.customers = customers;
        this.identities = identities;
        this.memberships = memberships;
        Set<String> ids = new HashSet<>();
        events.forEach(event -> {
            ids.add(event.customerId());
            if (event.properties() instanceof CustomerMerged merged) {
                ids.add(merged.mergedCustomerId());
            }
        });
        survivors.putAll(identities.survivors(context.tenant(), ids));
        Set<String> resolved = new HashSet<>(ids);
        resolved.addAll(survivors.values());
        this.consents = new HashMap<>(identities.consents(context.tenant(), resolved));
        this.erasures = new HashMap<>(identities.erasures(
                context.tenant(), ids.stream().map(this::hash).toList()));
        this.stored = customers.lock(context.tenant(), resolved);
        this.storedMemberships = memberships.of(context.tenant(), resolved);
    }

    void apply(InteractionEvent event) {
        switch (event.type()) {
            case CUSTOMER_ERASED -> erase(event);
            case CUSTOMER_MERGED ->
                merge(
                        event.customerId(),
                        event.propertiesAs(CustomerMerged.class).mergedCustomerId());
            case CONSENT_UPDATED -> consent(event, event.propertiesAs(ConsentUpdated.class));
            default -> interaction(event);
        }
    }

    Collection<WorkingCustomer> changed() {
        return working.values();
    }

    private void interaction(InteractionEvent event) {
        Instant erasedAt = erasures.get(hash(event.customerId()));
        if (erasedAt != null && !event.occurredAt().isAfter(erasedAt)) {
            return; // a replay of an erased customer's past stays erased
        }
        String id = resolve(event.customerId());
        IdentityStore.Consent consent = consents.get(id);
        if (consent != null && !consent.granted()) {
            return; // profiling withdrawn: nothing is learnt until it is granted again
        }
        WorkingCustomer customer = customer(id);
        if (customer.fate == WorkingCustomer.Fate.REMOVED) {
            customer.fate = WorkingCustomer.Fate.KEPT;
            customer.aggregate = new CustomerAggregate();
        }
        customer.aggregate.apply(event, context.catalog().eventFilters());
        customer.changedBy(event.type());
    }

    private void merge(String survivorId, String absorbedId) {
        String survivor = resolve(survivorId);
        String absorbed = resolve(absorbedId);
        if (survivor.equals(absorbed)) {
            return; // already merged: merges are idempotent
        }
        WorkingCustomer into = customer(survivor);
        WorkingCustomer from = customer(absorbed);
        if (from.fate == WorkingCustomer.Fate.KEPT) {
            into.aggregate.absorb(from.aggregate);
        }
        from.remove("merge");
        into.evaluateAll = true;
        into.behaviorChanged = true;
        into.cause = "merge";
        survivors.replaceAll((alias, target) -> target.equals(absorbed) ? survivor : target);
        survivors.put(absorbed, survivor);
        identities.merge(context.tenant(), absorbed, survivor);
    }

    private void consent(InteractionEvent event, ConsentUpdated update) {
        if (update.purpose() != ConsentUpdated.Purpose.PROFILING) {
            return;
        }
        String id = resolve(event.customerId());
        IdentityStore.Consent decision = new IdentityStore.Consent(
                update.granted(), event.occurredAt(), event.eventId(), update.granted() ? null : event.occurredAt());
        IdentityStore.Consent current = consents.get(id);
        if (current != null && !isLater(decision, current)) {
            return;
        }
        consents.put(id, decision);
        identities.saveConsent(context.tenant(), id, decision);
        if (!update.granted()) {
            WorkingCustomer customer = customer(id);
            customer.aggregate = new CustomerAggregate();
            customer.remove("consent");
        }
    }

    private void erase(InteractionEvent event) {
        String id = resolve(event.customerId());
        Set<String> ids = new HashSet<>(identities.aliasesOf(context.tenant(), id));
        ids.add(id);
        ids.add(event.customerId());
        survivors.forEach((alias, survivor) -> {
            if (survivor.equals(id)) {
                ids.add(alias);
            }
        });
        for (String erased : ids) {
            erasures.put(hash(erased), event.occurredAt());
            identities.erase(context.tenant(), erased, hash(erased), event.occurredAt());
        }
        consents.remove(id);
        customer(id).remove("erasure");
    }

    private WorkingCustomer customer(String id) {
        return working.computeIfAbsent(
                id, key -> new WorkingCustomer(key, stored.get(key), storedMemberships.get(key)));
    }

    private String resolve(String customerId) {
        return survivors.getOrDefault(customerId, customerId);
    }

    private String hash(String customerId) {
        return CustomerHash.of(context.tenant(), customerId);
    }

    private static boolean isLater(IdentityStore.Consent candidate, IdentityStore.Consent current) {
        int byTime = candidate.decidedAt().compareTo(current.decidedAt());
        return byTime != 0 ? byTime > 0 : candidate.eventId().compareTo(current.eventId()) > 0;
    }
}
