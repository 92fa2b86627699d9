package io.mosaic.profile.identity;

import io.mosaic.profile.ProfileConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When two customers who share an identifier are the same person. Only emails and phone numbers merge; values
 * that are placeholders (blocked) merge nothing and are not recorded; an identifier that more than the
 * configured number of customer ids presented (a family phone, a shop's email) is shared and merges nothing.
 */
@ApplicationScoped
public class MergePolicy {
    private final int maxCustomersPerIdentifier;
    private final Set<String> blockedValues;
    private final Set<String> blockedEmailDomains;
    private final Set<String> blockedEmailNames;

    @Inject
    public MergePolicy(ProfileConfig config) {
        this(
                config.merge().maxCustomersPerIdentifier(),
                config.merge().blockedValues(),
                config.merge().blockedEmailDomains(),
                config.merge().blockedEmailNames());
    }

    public MergePolicy(
            int maxCustomersPerIdentifier,
            Collection<String> blockedValues,
            Collection<String> blockedEmailDomains,
            Collection<String> blockedEmailNames) {
        this.maxCustomersPerIdentifier = maxCustomersPerIdentifier;
        this.blockedValues = lowerCase(blockedValues);
        this.blockedEmailDomains = lowerCase(blockedEmailDomains);
        this.blockedEmailNames = lowerCase(blockedEmailNames);
    }

    /** A customer that holds an identifier, with when it was first seen. */
    public record Holder(String customerId, Instant firstSeenAt) {}

    /** Customers to merge: {@code absorbed} into {@code survivor}. */
    public record Decision(String survivor, List<String> absorbed) {}

    public boolean mergesBy(IdentifierKey key) {
        return key.kind() == IdentifierKey.Kind.EMAIL || key.kind() == IdentifierKey.Kind.PHONE;
    }

    /** A placeholder or test value: never recorded, never merged on. */
    public boolean isBlocked(IdentifierKey key) {
        String value = key.value().toLowerCase(Locale.ROOT);
        if (value.isBlank() || blockedValues.contains(value)) {
            return true;
        }
        return switch (key.kind()) {
            case EMAIL -> isPlaceholderEmail(value);
            case PHONE, WHATSAPP -> isPlaceholderPhone(value);
            case EXTERNAL -> false;
        };
    }

    /** Whether so many customer ids presented the identifier that it identifies no one. */
    public boolean isShared(int customerIdsPresentingIt) {
        return customerIdsPresentingIt > maxCustomersPerIdentifier;
    }

    /** The customer first seen survives (ties: the smaller id); the others merge into it. */
    public Optional<Decision> decide(Collection<Holder> distinctCustomers) {
        if (distinctCustomers.size() < 2) {
            return Optional.empty();
        }
        List<Holder> ordered = distinctCustomers.stream()
                .sorted(Comparator.comparing(Holder::firstSeenAt).thenComparing(Holder::customerId))
                .toList();
        return Optional.of(new Decision(
                ordered.get(0).customerId(),
                ordered.subList(1, ordered.size()).stream()
                        .map(Holder::customerId)
                        .toList()));
    }

    private boolean isPlaceholderEmail(String email) {
        int at = email.lastIndexOf('@');
        return at < 0
                || blockedEmailNames.contains(email.substring(0, at))
                || blockedEmailDomains.contains(email.substring(at + 1));
    }

    /** The last seven digits all alike (+62 000 0000 000) or counting up (+1 555 1234567). */
    private static boolean isPlaceholderPhone(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() < 7) {
            return true;
        }
        String tail = digits.substring(digits.length() - 7);
        return tail.chars().distinct().count() == 1 || "0123456789".contains(tail) || "9876543210".contains(tail);
    }

    private static Set<String> lowerCase(Collection<String> values) {
        return values.stream()
                .map(value -> value.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
