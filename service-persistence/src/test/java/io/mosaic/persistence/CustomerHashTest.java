package io.mosaic.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CustomerHashTest {

    @Test
    void isTheSha256OfTenantAndIdAndTheSameOnEveryThread() throws Exception {
        String expected = "a321cd4ab2c251a810f06985ad755299da9a426aff38e878ddb7ffb73d98de45";

        assertThat(CustomerHash.of("acme", "c-1")).isEqualTo(expected);
        assertThat(CustomerHash.of("acme", "c-1"))
                .as("the digest is reset between uses")
                .isEqualTo(expected);
        assertThat(CompletableFuture.supplyAsync(() -> CustomerHash.of("acme", "c-1"))
                        .get())
                .isEqualTo(expected);
        assertThat(CustomerHash.of("acme", "c-2")).isNotEqualTo(expected);
    }
}
