package io.mosaic.events.properties;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** {@code purchase.completed}; {@code currency} is an ISO 4217 code, {@code promotion} is optional. */
public record PurchaseCompleted(
        String orderId,
        BigDecimal amount,
        String currency,
        List<Item> items,
        Promotion promotion,
        Map<String, Object> custom)
        implements EventProperties {

    public PurchaseCompleted {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public record Item(String sku, String category, Integer quantity, BigDecimal unitPrice) {}

    public record Promotion(String code, PromotionKind kind) {}
}
