package io.mosaic.gateway.keys;

import io.mosaic.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a presented key into its {@link Caller}. A verified key (or a refused one) is remembered for
 * {@code key-cache-ttl}, so revocation takes effect within that time and a flood of bad keys does not reach the
 * database more than once per key and interval ({@link FailedAttempts} bounds how many different ones). At most
 * {@link #MAX_CACHED} answers are kept; the least recently used goes first, so a flood of unknown keys cannot
 * push the known ones out all at once.
 */
@ApplicationScoped
public class Authenticator {
    private static final int MAX_CACHED = 100_000;

    private final ApiKeyStore store;
    private final KeyHasher hasher;
    private final Duration ttl;
    private final Clock clock;
    private final byte[] bootstrapHash;
    private final Map<String, Cached> cache;

    @jakarta.inject.Inject
    public Authenticator(ApiKeyStore store, KeyHasher hasher, GatewayConfig config, Clock clock) {
        this(
                store,
                hasher,
                config.gateway().keyCacheTtl(),
                config.gateway().bootstrapAdminKey().orElse(null),
                clock,
                MAX_CACHED);
    }

    Authenticator(ApiKeyStore store, KeyHasher hasher, Duration ttl, String bootstrapKey, Clock clock, int maxCached) {
        this.store = store;
        this.hasher = hasher;
        this.ttl = ttl;
        this.clock = clock;
        this.bootstrapHash = bootstrapKey == null || bootstrapKey.isBlank() ? null : hasher.hash(bootstrapKey);
        this.cache = new LinkedHashMap<>(1_024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > maxCached;
            }
        };
    }

    private record Cached(Optional<Caller> caller, Instant until) {}

    /**
     * Non-blocking: the answer when the key was checked within {@code key-cache-ttl} (a malformed key is refused at
     * once); empty when {@link #authenticate} must look it up.
     */
    public Optional<Optional<Caller>> cached(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            return Optional.of(Optional.empty());
        }
        Cached cached;
        String cacheKey = cacheKey(hasher.hash(presented));
        synchronized (cache) {
            cached = cache.get(cacheKey);
        }
        return cached != null && clock.instant().isBefore(cached.until())
                ? Optional.of(cached.caller())
                : Optional.empty();
    }

    /** Blocking: may read the database. The cache is keyed by the key's hash, never by the key itself. */
    public Optional<Caller> authenticate(String presented) {
        Optional<Optional<Caller>> known = cached(presented);
        if (known.isPresent()) {
            return known.get();
        }
        byte[] hash = hasher.hash(presented);
        String cacheKey = cacheKey(hash);
        Instant now = clock.instant();
        Optional<Caller> caller = lookUp(presented, hash);
        synchronized (cache) {
            cache.put(cacheKey, new Cached(caller, now.plus(ttl)));
        }
        return caller;
    }

    private static String cacheKey(byte[] hash) {
        return java.util.HexFormat.of().formatHex(hash);
    }

    /** Forgets a key's cached answer, so its revocation by this instance takes effect at once here. */
    public void forget(String keyId) {
        synchronized (cache) {
            cache.values()
                    .removeIf(cached ->
                            cached.caller().filter(c -> c.keyId().equals(keyId)).isPresent());
        }
    }

    private Optional<Caller> lookUp(String presented, byte[] hash) {
        if (bootstrapHash != null && java.security.MessageDigest.isEqual(hash, bootstrapHash)) {
            return Optional.of(new Caller("bootstrap", Caller.PLATFORM, EnumSet.of(Scope.ADMIN, Scope.OPS_READ), true));
        }
        String id = KeyHasher.idOf(presented);
        if (id == null) {
            return Optional.empty();
        }
        return store.find(id)
                .filter(key -> key.revokedAt() == null)
                .filter(key -> java.security.MessageDigest.isEqual(hash, key.keyHash()))
                .map(key -> new Caller(key.id(), key.tenant(), key.scopes(), false));
    }
}
