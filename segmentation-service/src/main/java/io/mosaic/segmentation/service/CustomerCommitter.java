package io.mosaic.segmentation.service;

import io.mosaic.events.SegmentChange;
import io.mosaic.persistence.Outbox;
import io.mosaic.segmentation.persistence.CustomerStore;
import io.mosaic.segmentation.persistence.MembershipStore;
import io.mosaic.segmentation.segments.CustomerEvaluation;
import io.mosaic.segmentation.segments.NextCheck;
import io.mosaic.segmentation.segments.SegmentDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finishes a transaction's work on customers: re-evaluates the segments their changes can affect, saves state
 * and memberships, and puts every membership change and the latest behavior summary in the outbox.
 */
@ApplicationScoped
public class CustomerCommitter {
    private final CustomerStore customers;
    private final MembershipStore memberships;
    private final Outbox outbox;
    private final OutboxRecords outboxRecords;

    public CustomerCommitter(
            CustomerStore customers, MembershipStore memberships, Outbox outbox, OutboxRecords outboxRecords) {
        this.customers = customers;
        this.memberships = memberships;
        this.outbox = outbox;
        this.outboxRecords = outboxRecords;
    }

    /**
     * Re-evaluates {@code segments} for these customers as they are stored, without an event: time passing, or a
     * backfill. Answers how many memberships changed.
     */
    public int reevaluate(
            TenantContext context, List<String> customerIds, List<SegmentDefinition> segments, String cause) {
        var aggregates = customers.lock(context.tenant(), customerIds);
        var current = memberships.of(context.tenant(), aggregates.keySet());
        List<WorkingCustomer> working = new ArrayList<>();
        aggregates.forEach((id, aggregate) -> {
            WorkingCustomer customer = new WorkingCustomer(id, aggregate, current.get(id));
            customer.alsoEvaluate = segments;
            customer.cause = cause;
            customer.behaviorChanged = true; // windows may have slid: the published summary moves too
            working.add(customer);
        });
        return commit(context, working).size();
    }

    /** Answers the membership changes it recorded. */
    public List<MembershipStore.Change> commit(TenantContext context, Collection<WorkingCustomer> working) {
        List<CustomerStore.Saved> saved = new ArrayList<>();
        List<MembershipStore.Change> changes = new ArrayList<>();
        List<Outbox.Entry> records = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (WorkingCustomer customer : working) {
            Set<String> after;
            if (customer.fate == WorkingCustomer.Fate.REMOVED) {
                after = Set.of();
                removed.add(customer.customerId);
                records.add(outboxRecords.behavior(context.tenant(), customer.customerId, context.now(), null));
            } else {
                customer.aggregate.compact(context.now());
                customer.aggregate
                        .conditions
                        .keySet()
                        .retainAll(context.catalog().signatures());
                CustomerEvaluation evaluation = new CustomerEvaluation(
                        customer.aggregate, context.now(), context.rfmScale(), customer.memberships.keySet());
                after = evaluation.evaluate(segmentsFor(context, customer));
                String summaryJson = CustomerStore.write(evaluation.summary());
                saved.add(new CustomerStore.Saved(
                        customer.customerId,
                        customer.aggregate,
                        summaryJson,
                        NextCheck.of(customer.aggregate, context.catalog(), context.now())));
                if (customer.behaviorChanged) {
                    records.add(
                            outboxRecords.behavior(context.tenant(), customer.customerId, context.now(), summaryJson));
                }
            }
            diff(context, customer, after, changes, records);
        }
        customers.save(context.tenant(), saved, context.now());
        if (!removed.isEmpty()) {
            customers.delete(context.tenant(), removed);
        }
        memberships.apply(context.tenant(), changes);
        outbox.add(records);
        return changes;
    }

    private static Collection<SegmentDefinition> segmentsFor(TenantContext context, WorkingCustomer customer) {
        if (customer.evaluateAll) {
            return context.catalog().all();
        }
        Set<SegmentDefinition> segments = new LinkedHashSet<>(context.catalog().affectedBy(customer.eventTypes, false));
        segments.addAll(customer.alsoEvaluate);
        return context.catalog().all().stream().filter(segments::contains).toList();
    }

    private void diff(
            TenantContext context,
            WorkingCustomer customer,
            Set<String> after,
            List<MembershipStore.Change> changes,
            List<Outbox.Entry> records) {
        String cause = customer.cause == null ? "time" : customer.cause;
        for (String segment : after) {
            if (!customer.memberships.containsKey(segment)) {
                changes.add(new MembershipStore.Change(customer.customerId, segment, true, context.now()));
                records.add(outboxRecords.change(
                        context.tenant(),
                        customer.customerId,
                        segment,
                        context.catalog().nameOf(segment),
                        SegmentChange.Change.ENTERED,
                        context.now(),
                        cause));
            }
        }
        for (String segment : customer.memberships.keySet()) {
            if (!after.contains(segment)) {
                changes.add(new MembershipStore.Change(customer.customerId, segment, false, context.now()));
                records.add(outboxRecords.change(
                        context.tenant(),
                        customer.customerId,
                        segment,
                        context.catalog().nameOf(segment),
                        SegmentChange.Change.EXITED,
                        context.now(),
                        cause));
            }
        }
    }
}
