package io.mosaic.e2e;

import static io.mosaic.e2e.Api.awaitBody;
import static io.mosaic.e2e.Api.fullKey;
import static io.mosaic.e2e.Api.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Segment's own Node SDK ({@code @segment/analytics-node} from the npm registry), pointed at the gateway with a
 * Mosaic API key as its write key and nothing else changed: anonymous page views and tracks, an identify that
 * links them to the user, an e-commerce order sent twice with one messageId (a retry); then the profile is read
 * back through Mosaic's own API. The script is {@code src/test/node/segment-sdk/send.mjs}.
 */
@ExtendWith(Platform.class)
class SegmentSdkIT {
    @Test
    void segmentsNodeSdkFeedsMosaicUnchanged() throws Exception {
        String key = fullKey(newTenant());
        String run = UUID.randomUUID().toString().substring(0, 8);
        NodeScript sdk = NodeScript.install(
                "segment-sdk", "@segment/analytics-node", "package.json", "package-lock.json", "send.mjs");

        String output = sdk.run(
                List.of("node", "send.mjs"),
                Map.of("MOSAIC_URL", Platform.gateway(), "MOSAIC_WRITE_KEY", key, "RUN", run),
                Duration.ofMinutes(3));
        assertThat(output).contains("sent");

        JsonPath profile = awaitBody(
                key,
                "/v1/profiles/u-" + run,
                body -> Integer.valueOf(1).equals(body.get("behavior.purchases.count"))
                        && body.getList("segments.id") != null
                        && body.getList("segments.id").contains("new-customers"));
        assertThat(profile.getList("identifiers.emails")).containsExactly(run + "@tokoku.id");
        assertThat(profile.getString("traits.geographic.city")).isEqualTo("Bandung");
        assertThat(profile.getString("behavior.purchases.total"))
                .as("the retried order counted once")
                .isEqualTo("27.5");
        // the merge travels to the anonymous id on its own partition: it resolves to the user once it got there
        awaitBody(key, "/v1/profiles/anonymous:a-" + run, body -> ("u-" + run).equals(body.getString("customerId")));
        JsonPath timeline = awaitBody(
                key,
                "/v1/profiles/u-" + run + "/timeline?limit=50",
                body -> body.getList("items.type") != null
                        && body.getList("items.type").contains("interaction.tracked"));
        assertThat(timeline.getList("items.type"))
                .contains("customer.identified", "purchase.completed", "interaction.tracked");
    }
}
