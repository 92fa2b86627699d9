package io.mosaic.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(StubServices.class)
class RateLimitTest extends GatewayTestBase {

    @Test
    void aKeyOverItsBurstIsAnswered429WithRetryAfterAndOtherKeysAreNotAffected() {
        String busy = key(tenant, "segments:read");
        String calm = key(tenant, "segments:read");
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            answers.add(as(busy).get("/v1/segments"));
        }
        Response limited = answers.stream()
                .filter(answer -> answer.statusCode() == 429)
                .findFirst()
                .orElseThrow(() -> new AssertionError("60 requests at once never met the test burst of 40"));
        assertThat(limited.contentType()).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(answers.stream().filter(answer -> answer.statusCode() == 202).count())
                .isGreaterThanOrEqualTo(40);
        assertThat(as(calm).get("/v1/segments").statusCode()).isEqualTo(202);
    }
}
