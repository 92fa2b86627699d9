package io.mosaic.segmentation.destinations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A destination as the API shows it; {@code secret} only in the answer that made it (creation, rotation). */
public record DestinationView(
        UUID id,
        String name,
        String url,
        List<String> segments,
        List<String> changes,
        List<String> include,
        String secret,
        Instant createdAt,
        Instant updatedAt) {
    static DestinationView of(Destination destination, String secret) {
        return new DestinationView(
                destination.id,
                destination.name,
                destination.url,
                destination.segments,
                destination.changes,
                destination.include,
                secret,
                destination.createdAt,
                destination.updatedAt);
    }
}
