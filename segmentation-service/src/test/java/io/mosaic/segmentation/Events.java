package io.mosaic.segmentation;

import io.mosaic.events.InteractionEvent;
import io.mosaic.testing.TestEvents;
import java.time.Instant;

/** Events that the segmentation tests use often. */
public final class Events {
    private Events() {}

    public static InteractionEvent event(String tenant, String customerId, String type, Instant at, String extraJson) {
        return TestEvents.event(tenant, customerId, type, at, extraJson);
    }

    public static com.fasterxml.jackson.databind.JsonNode json(String text) {
        return TestEvents.json(text);
    }

    public static InteractionEvent purchase(String customerId, Instant at, String amount, boolean flashSale) {
        return purchase("acme", customerId, at, amount, flashSale);
    }

    public static InteractionEvent purchase(
            String tenant, String customerId, Instant at, String amount, boolean flashSale) {
        return event(
                tenant,
                customerId,
                "purchase.completed",
                at,
                "'channel': 'web', 'properties': {'orderId': 'o-" + TestEvents.next() + "', 'amount': "
                        + amount + ", 'currency': 'IDR'" + (flashSale ? ", 'promotion': {'kind': 'flash_sale'}" : "")
                        + "}");
    }

    /** A purchase with a voucher promotion, its order id from the customer and instant (so a resend repeats it). */
    public static InteractionEvent voucherPurchase(String tenant, String customerId, Instant at) {
        return event(
                tenant,
                customerId,
                "purchase.completed",
                at,
                "'channel': 'web', 'properties': {'orderId': 'o-" + customerId + at.getEpochSecond()
                        + "', 'amount': 10, 'currency': 'IDR', 'promotion': {'kind': 'voucher'}}");
    }

    public static InteractionEvent message(String customerId, Instant at, String channel) {
        return message("acme", customerId, at, channel);
    }

    public static InteractionEvent message(String tenant, String customerId, Instant at, String channel) {
        return event(tenant, customerId, "message.received", at, "'channel': '" + channel + "'");
    }
}
