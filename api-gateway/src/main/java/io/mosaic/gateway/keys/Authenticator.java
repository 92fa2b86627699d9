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
    static final Duration KNOWN_FOR = Duration.ofHours(1);

    private final ApiKeyStore store;
    private final KeyHasher hasher;
    private final Duration ttl;
    private final Clock clock;
    private final byte[] bootstrapHash;
    private final Map<String, Cached> cache;
    /** Stored keys by id, for {@code key-cache-ttl}: a wrong secret for a known id costs a hash, not a query. */
    private final Map<String, CachedKey> byId;
    /** Ids of keys verified in the last {@link #KNOWN_FOR}: {@link FailedAttempts} does not hold them up. */
    private final Map<String, Instant> knownIds;

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
        this.cache = lru(maxCached);
        this.byId = lru(maxCached);
        this.knownIds = lru(maxCached);
    }

    private static <V> Map<String, V> lru(int maxEntries) {
        return new LinkedHashMap<>(1_024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    private record CachedKey(Optional<ApiKeyStore.StoredKey> key, Instant until) {}

    /**
     * Non-blocking: whether the key's id belongs to a key verified in the last hour. Such a key is looked up even
     * from an address that sent too many refused keys: clients behind one proxy share its address, and one
     * client's bad keys must not lock the others out. Guessing secrets for such an id stays cheap for the gateway,
     * since keys by id are cached.
     */
    public boolean knowsKeyOf(String presented) {
        String id = KeyHasher.idOf(presented);
        if (id == null) {
            return false;
        }
        synchronized (knownIds) {
            Instant verified = knownIds.get(id);
            return verified != null && clock.instant().isBefore(verified.plus(KNOWN_FOR));
        }
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

    /** Forgets a key's cached answers, so its revocation by this instance takes effect at once here. */
    public void forget(String keyId) {
        synchronized (cache) {
            cache.values()
                    .removeIf(cached ->
                            cached.caller().filter(c -> c.keyId().equals(keyId)).isPresent());
        }
        synchronized (byId) {
            byId.remove(keyId);
        }
        synchronized (knownIds) {
            knownIds.remove(keyId);
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
        Optional<Caller> caller = storedKey(id)
                .filter(key -> key.revokedAt() == null)
                .filter(key -> java.security.MessageDigest.isEqual(hash, key.keyHash()))
                .map(key -> new Caller(key.id(), key.tenant(), key.scopes(), false));
        if (caller.isPresent()) {
            synchronized (knownIds) {
                knownIds.put(id, clock.instant());
            }
        }
        return caller;
    }

    private Optional<ApiKeyStore.StoredKey> storedKey(String id) {
        Instant now = clock.instant();
        synchronized (byId) {
            CachedKey cached = byId.get(id);
            if (cached != null && now.isBefore(cached.until())) {
                return cached.key();
            }
        }
        Optional<ApiKeyStore.StoredKey> found = store.find(id);
        synchronized (byId) {
            byId.put(id, new CachedKey(found, now.plus(ttl)));
        }
        return found;
    }
}
