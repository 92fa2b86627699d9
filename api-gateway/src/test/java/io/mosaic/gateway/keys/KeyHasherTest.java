package io.mosaic.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyHasherTest {
    private final KeyHasher hasher = new KeyHasher("a-pepper-of-16-chars");

    @Test
    void aNewKeyVerifiesAgainstItsHashAndNothingElseDoes() {
        KeyHasher.NewKey key = hasher.newKey();
        byte[] stored = hasher.hash(key.key());
        assertThat(hasher.matches(key.key(), stored)).isTrue();
        assertThat(hasher.matches(key.key() + "x", stored)).isFalse();
        assertThat(KeyHasher.idOf(key.key())).isEqualTo(key.id());
        assertThat(key.key()).doesNotContain(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void theHashDependsOnThePepper() {
        KeyHasher.NewKey key = hasher.newKey();
        assertThat(new KeyHasher("another-pepper-16ch").hash(key.key())).isNotEqualTo(hasher.hash(key.key()));
        assertThatThrownBy(() -> new KeyHasher("short")).hasMessageContaining("MOSAIC_GATEWAY_KEY_PEPPER");
    }

    @Test
    void onlyWellFormedKeysHaveAnId() {
        assertThat(KeyHasher.idOf("mk_0123456789ab_secret")).isEqualTo("0123456789ab");
        assertThat(KeyHasher.idOf("mk_short_secret")).isNull();
        assertThat(KeyHasher.idOf("Bearer something")).isNull();
        assertThat(KeyHasher.idOf(null)).isNull();
    }
}
