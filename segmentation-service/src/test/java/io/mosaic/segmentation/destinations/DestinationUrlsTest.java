package io.mosaic.segmentation.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** No request forgery: what a destination's URL may point to, with and without ranges the operator allows. */
class DestinationUrlsTest {
    private final DestinationUrls production = new DestinationUrls(List.of());

    @Test
    void onlyHttpsToPublicAddressesInProduction() {
        assertThat(production.refusal("https://8.8.8.8/hook")).isEmpty();
        assertThat(production.refusal("https://[2001:4860:4860::8888]/hook")).isEmpty();
        for (String url : List.of(
                "http://8.8.8.8/hook",
                "https://127.0.0.1/hook",
                "https://localhost/hook",
                "https://10.1.2.3/hook",
                "https://172.16.0.1/hook",
                "https://192.168.1.1/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/hook",
                "https://0.0.0.0/hook",
                "https://[::1]/hook",
                "https://[fd00::1]/hook",
                "https://[fe80::1]/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://224.0.0.1/hook",
                "https://user:pw@8.8.8.8/hook",
                "ftp://8.8.8.8/hook",
                "file:///etc/passwd",
                "https:///hook",
                "not a url",
                "https://host.invalid/hook",
                "")) {
            assertThat(production.refusal(url)).as(url).isPresent();
        }
        assertThat(production.refusal("https://8.8.8.8/" + "a".repeat(DestinationUrls.MAX_LENGTH)))
                .isPresent();
    }

    @Test
    void anAllowedRangeMayBePrivateAndPlainHttp() {
        DestinationUrls local = new DestinationUrls(List.of("127.0.0.0/8", "10.20.0.0/16"));
        assertThat(local.refusal("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(local.refusal("http://10.20.3.4/hook")).isEmpty();
        assertThat(local.refusal("http://10.21.3.4/hook")).isPresent();
        assertThat(local.refusal("http://8.8.8.8/hook"))
                .as("plain http outside the range")
                .isPresent();
        assertThatThrownBy(() -> new DestinationUrls(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
