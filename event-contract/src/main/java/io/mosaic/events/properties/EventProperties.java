package io.mosaic.events.properties;

import java.util.Map;

/**
 * The type-specific part of an event; {@link io.mosaic.events.EventType#propertiesType()} names the record.
 * {@code custom} holds the client's own keys (strings, numbers, booleans and lists of them), kept as sent.
 */
public sealed interface EventProperties
        permits ConsentUpdated,
                CustomerErased,
                CustomerIdentified,
                CustomerMerged,
                InteractionTracked,
                MessageExchanged,
                PromotionResponded,
                PromotionSent,
                PurchaseCompleted,
                PurchaseRefunded,
                SurveyAnswered,
                TicketOpened,
                TicketResolved {

    Map<String, Object> custom();
}
