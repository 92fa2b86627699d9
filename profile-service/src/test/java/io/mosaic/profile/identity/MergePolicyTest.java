package io.mosaic.profile.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.events.Identifiers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergePolicyTest {
    private final MergePolicy policy =
            new MergePolicy(3, List.of("none", "+6281100000000"), List.of("example.com"), List.of("noreply", "test"));

    private static IdentifierKey email(String value) {
        return new IdentifierKey(IdentifierKey.Kind.EMAIL, value);
    }

    private static IdentifierKey phone(String value) {
        return new IdentifierKey(IdentifierKey.Kind.PHONE, value);
    }

    @Test
    void placeholdersAreBlocked() {
        assertThat(policy.isBlocked(email("noreply@tokoku.id"))).isTrue();
        assertThat(policy.isBlocked(email("test@tokoku.id"))).isTrue();
        assertThat(policy.isBlocked(email("ana@example.com"))).isTrue();
        assertThat(policy.isBlocked(email("NONE")))
                .as("configured value, any case")
                .isTrue();
        assertThat(policy.isBlocked(phone("+6281100000000"))).isTrue();
        assertThat(policy.isBlocked(phone("+620000000000"))).as("all alike").isTrue();
        assertThat(policy.isBlocked(phone("+15551234567"))).as("counting up").isTrue();

        assertThat(policy.isBlocked(email("ana@tokoku.id"))).isFalse();
        assertThat(policy.isBlocked(phone("+6281234508976"))).isFalse();
        assertThat(policy.isBlocked(IdentifierKey.external("shop", "0000000")))
                .as("external ids are the system's own")
                .isFalse();
    }

    @Test
    void onlyEmailsAndPhonesMerge() {
        assertThat(policy.mergesBy(email("ana@tokoku.id"))).isTrue();
        assertThat(policy.mergesBy(phone("+6281234508976"))).isTrue();
        assertThat(policy.mergesBy(new IdentifierKey(IdentifierKey.Kind.WHATSAPP, "+6281234508976")))
                .isFalse();
        assertThat(policy.mergesBy(IdentifierKey.external("shop", "1"))).isFalse();
    }

    @Test
    void anIdentifierOfMoreCustomersThanTheLimitIsShared() {
        assertThat(policy.isShared(3)).isFalse();
        assertThat(policy.isShared(4)).isTrue();
    }

    @Test
    void theCustomerFirstSeenSurvivesTiesByTheSmallerId() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        var decision = policy.decide(List.of(
                        new MergePolicy.Holder("c", t.plusSeconds(5)),
                        new MergePolicy.Holder("b", t),
                        new MergePolicy.Holder("a", t)))
                .orElseThrow();
        assertThat(decision.survivor()).isEqualTo("a");
        assertThat(decision.absorbed()).containsExactly("b", "c");
        assertThat(policy.decide(List.of(new MergePolicy.Holder("a", t)))).isEmpty();
    }

    @Test
    void identifiersAreReadFromTheEnvelope() {
        var keys = IdentifierKey.of(new Identifiers("ana@tokoku.id", "+6281234508976", null, Map.of("zendesk", "77")));
        assertThat(keys)
                .containsExactly(
                        email("ana@tokoku.id"), phone("+6281234508976"), IdentifierKey.external("zendesk", "77"));
    }
}
