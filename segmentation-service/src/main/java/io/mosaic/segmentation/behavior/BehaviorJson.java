package io.mosaic.segmentation.behavior;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.mosaic.events.EventJson;
import io.mosaic.events.InstantText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link BehaviorSummary} as JSON, written field by field: the JSON the event mapper writes for it (nulls left
 * out), with the channels in name order so equal summaries give equal bytes. The mapper's generic path cost a tenth
 * of a stream thread, once per event.
 */
public final class BehaviorJson {
    private BehaviorJson() {}

    public static byte[] of(BehaviorSummary summary) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(768);
        try (JsonGenerator json = EventJson.mapper().getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            instant(json, "firstSeenAt", summary.firstSeenAt());
            instant(json, "lastSeenAt", summary.lastSeenAt());
            purchases(json, summary.purchases());
            rfm(json, summary.rfm());
            text(json, "preferredChannel", summary.preferredChannel());
            channels(json, summary.channels());
            if (summary.tickets() != null) {
                json.writeObjectFieldStart("tickets");
                json.writeNumberField("open", summary.tickets().open());
                json.writeNumberField("total", summary.tickets().total());
                json.writeNumberField("last90d", summary.tickets().last90d());
                json.writeEndObject();
            }
            if (summary.csat() != null) {
                json.writeObjectFieldStart("csat");
                decimal(json, "average", summary.csat().average());
                json.writeNumberField("count", summary.csat().count());
                json.writeEndObject();
            }
            if (summary.nps() != null) {
                json.writeObjectFieldStart("nps");
                if (summary.nps().last() != null) {
                    json.writeNumberField("last", summary.nps().last());
                }
                text(json, "category", summary.nps().category());
                json.writeEndObject();
            }
            if (summary.promotions() != null) {
                json.writeObjectFieldStart("promotions");
                json.writeNumberField("sent", summary.promotions().sent());
                json.writeNumberField("responded", summary.promotions().responded());
                decimal(json, "responseRate", summary.promotions().responseRate());
                json.writeEndObject();
            }
            json.writeNumberField("flashSalePurchases90d", summary.flashSalePurchases90d());
            text(json, "loyaltyTier", summary.loyaltyTier());
            text(json, "churnRisk", summary.churnRisk());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void purchases(JsonGenerator json, BehaviorSummary.Purchases purchases) throws IOException {
        if (purchases == null) {
            return;
        }
        json.writeObjectFieldStart("purchases");
        json.writeNumberField("count", purchases.count());
        decimal(json, "total", purchases.total());
        text(json, "currency", purchases.currency());
        window(json, "last30d", purchases.last30d());
        window(json, "last90d", purchases.last90d());
        window(json, "last365d", purchases.last365d());
        instant(json, "lastAt", purchases.lastAt());
        json.writeEndObject();
    }

    private static void window(JsonGenerator json, String name, BehaviorSummary.Window window) throws IOException {
        if (window == null) {
            return;
        }
        json.writeObjectFieldStart(name);
        json.writeNumberField("count", window.count());
        decimal(json, "total", window.total());
        json.writeEndObject();
    }

    private static void rfm(JsonGenerator json, BehaviorSummary.Rfm rfm) throws IOException {
        if (rfm == null) {
            return;
        }
        json.writeObjectFieldStart("rfm");
        if (rfm.recency() != null) {
            json.writeNumberField("recency", rfm.recency());
        }
        json.writeNumberField("frequency", rfm.frequency());
        decimal(json, "monetary", rfm.monetary());
        if (rfm.score() != null) {
            json.writeNumberField("score", rfm.score());
        }
        json.writeEndObject();
    }

    private static void channels(JsonGenerator json, Map<String, Integer> channels) throws IOException {
        if (channels == null) {
            return;
        }
        json.writeObjectFieldStart("channels");
        for (Map.Entry<String, Integer> channel : new TreeMap<>(channels).entrySet()) {
            json.writeNumberField(channel.getKey(), channel.getValue());
        }
        json.writeEndObject();
    }

    private static void instant(JsonGenerator json, String name, Instant at) throws IOException {
        if (at != null) {
            json.writeStringField(name, InstantText.of(at));
        }
    }

    private static void decimal(JsonGenerator json, String name, BigDecimal value) throws IOException {
        if (value != null) {
            json.writeNumberField(name, value);
        }
    }

    private static void text(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
