package io.mosaic.e2e;

import static io.mosaic.e2e.Api.awaitBody;
import static io.mosaic.e2e.Api.fullKey;
import static io.mosaic.e2e.Api.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
    private static final Path SCRIPT = Path.of("src", "test", "node", "segment-sdk");
    private static final Path WORK = Path.of("target", "segment-sdk");

    @Test
    void segmentsNodeSdkFeedsMosaicUnchanged() throws Exception {
        String key = fullKey(newTenant());
        String run = UUID.randomUUID().toString().substring(0, 8);
        installSdk();

        String output = run(
                List.of("node", "send.mjs"),
                Map.of("MOSAIC_URL", Platform.gateway(), "MOSAIC_WRITE_KEY", key, "RUN", run));
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

    /** {@code npm ci} of the script's one dependency (versions locked) into {@code target/}, once per build. */
    private static void installSdk() throws Exception {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "send.mjs")) {
            Files.copy(SCRIPT.resolve(file), WORK.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules").resolve("@segment").resolve("analytics-node"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of());
        }
    }

    private static String run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    command.get(0) + " could not be started; this test needs Node.js 18+ and npm on"
                            + " PATH (Debian: apt-get install nodejs npm)",
                    e);
        }
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 3 minutes");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as(String.join(" ", command) + " said:\n" + output)
                .isZero();
        return output;
    }
}
