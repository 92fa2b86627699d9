package io.mosaic.events.properties;

import java.math.BigDecimal;
import java.util.Map;

/** {@code purchase.refunded}. */
public record PurchaseRefunded(String orderId, BigDecimal amount, String currency, Map<String, Object> custom)
        implements EventProperties {}
