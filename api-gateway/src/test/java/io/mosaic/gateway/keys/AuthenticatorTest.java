package io.mosaic.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private final KeyHasher hasher = new KeyHasher("a-pepper-of-16-chars");
    private final KeyHasher.NewKey known = hasher.newKey();
    private final AtomicInteger lookups = new AtomicInteger();

    /** The key store as the database would answer: one known key, every lookup counted. */
    private final ApiKeyStore store = new ApiKeyStore(null) {
        @Override
        public Optional<StoredKey> find(String id) {
            lookups.incrementAndGet();
            return id.equals(known.id())
                    ? Optional.of(new StoredKey(
                            known.id(),
                            "acme",
                            "k",
                            EnumSet.of(Scope.SEGMENTS_READ),
                            hasher.hash(known.key()),
                            Instant.EPOCH,
                            null))
                    : Optional.empty();
        }
    };

    private final Authenticator authenticator = new Authenticator(
            store, hasher, Duration.ofMinutes(5), null, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), 100);

    @Test
    void aFloodOfUnknownKeysPushesOutOnlyTheLeastRecentlyUsedAnswers() {
        assertThat(authenticator.authenticate(known.key())).isPresent();
        for (int i = 0; i < 1_000; i++) {
            assertThat(authenticator.authenticate(String.format("mk_%012d_flood", i)))
                    .isEmpty();
            if (i % 50 == 0) {
                assertThat(authenticator.cached(known.key()).get()).isPresent();
            }
        }
        assertThat(lookups).hasValue(1 + 1_000); // the known key was looked up once, however full the cache got
    }

    @Test
    void anUnknownKeyIsRememberedSoRepeatingItDoesNotReachTheStore() {
        for (int i = 0; i < 10; i++) {
            assertThat(authenticator.authenticate("mk_000000000000_guess")).isEmpty();
        }
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aRevocationForgetsOnlyTheRevokedKey() {
        authenticator.authenticate(known.key());
        authenticator.authenticate("mk_000000000000_other");
        authenticator.forget(known.id());
        assertThat(authenticator.cached(known.key())).isEmpty();
        assertThat(authenticator.cached("mk_000000000000_other")).contains(Optional.empty());
    }

    @Test
    void aKeyVerifiedBeforeIsKnownByItsIdAndWrongSecretsForItCostNoQuery() {
        String forged = "mk_" + known.id() + "_not-the-secret";
        assertThat(authenticator.knowsKeyOf(known.key())).isFalse();
        assertThat(authenticator.authenticate(known.key())).isPresent();
        assertThat(authenticator.knowsKeyOf(known.key())).isTrue();
        assertThat(authenticator.knowsKeyOf(forged))
                .as("the id is what is known")
                .isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(authenticator.authenticate(forged + i)).isEmpty();
        }
        assertThat(lookups).hasValue(1);

        authenticator.forget(known.id());
        assertThat(authenticator.knowsKeyOf(known.key())).isFalse();
    }
}
