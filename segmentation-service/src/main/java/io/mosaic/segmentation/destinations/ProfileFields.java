package io.mosaic.segmentation.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.events.EventJson;
import io.mosaic.events.PlatformHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The profile fields a destination asked for, read from the profile service when a delivery is sent (off the event
 * path: a slow or absent profile service delays only deliveries that want fields). The customer's profile as it
 * reads then, projected to the requested paths; {@code null} when there is no profile (erased, or not built yet).
 */
@ApplicationScoped
public class ProfileFields {
    public static final int MAX_FIELDS = 20;
    /** A section of the profile document and up to four names below it: {@code traits.geographic.city}. */
    private static final Pattern PATH =
            Pattern.compile("(identifiers|traits|behavior|segments|consent)(\\.[A-Za-z0-9_]{1,64}){0,4}");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String profileUrl;
    private final String internalToken;

    public ProfileFields(
            DestinationsConfig config, @ConfigProperty(name = "mosaic.internal-token") String internalToken) {
        this.profileUrl = config.profileUrl();
        this.internalToken = internalToken;
    }

    public static boolean isValidPath(String path) {
        return path != null && path.length() <= 128 && PATH.matcher(path).matches();
    }

    /** The projection, {@link NullNode} when the customer has no profile; fails when the service cannot answer. */
    public CompletableFuture<JsonNode> read(String tenant, String customerId, List<String> paths) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(profileUrl + "/v1/profiles/"
                        + URLEncoder.encode(customerId, StandardCharsets.UTF_8).replace("+", "%20")))
                .timeout(Duration.ofSeconds(5))
                .header(PlatformHeaders.INTERNAL_TOKEN, internalToken)
                .header(PlatformHeaders.TENANT, tenant)
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() == 404) {
                return NullNode.getInstance();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the profile service answered " + response.statusCode());
            }
            try {
                return project(EventJson.mapper().readTree(response.body()), paths);
            } catch (IOException e) {
                throw new IllegalStateException("the profile service's answer is not JSON", e);
            }
        });
    }

    /** Only the requested paths of the document, nested as in it; a path the document lacks is left out. */
    static ObjectNode project(JsonNode document, List<String> paths) {
        ObjectNode projection = EventJson.mapper().createObjectNode();
        for (String path : paths) {
            String[] names = path.split("\\.");
            JsonNode value = document;
            for (String name : names) {
                value = value.path(name);
            }
            if (value.isMissingNode()) {
                continue;
            }
            ObjectNode parent = projection;
            for (int i = 0; i < names.length - 1; i++) {
                parent = parent.has(names[i]) && parent.get(names[i]).isObject()
                        ? (ObjectNode) parent.get(names[i])
                        : parent.putObject(names[i]);
            }
            parent.set(names[names.length - 1], value.deepCopy());
        }
        return projection;
    }
}
