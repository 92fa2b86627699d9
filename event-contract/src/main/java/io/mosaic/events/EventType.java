package io.mosaic.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mosaic.events.properties.*;

/** Every event type of the contract, with the Java type of its {@code properties}. */
public enum EventType {
    CUSTOMER_IDENTIFIED("customer.identified", CustomerIdentified.class),
    CUSTOMER_MERGED("customer.merged", CustomerMerged.class),
    CONSENT_UPDATED("consent.updated", ConsentUpdated.class),
    CUSTOMER_ERASED("customer.erased", CustomerErased.class),
    TICKET_OPENED("ticket.opened", TicketOpened.class),
    TICKET_RESOLVED("ticket.resolved", TicketResolved.class),
    MESSAGE_RECEIVED("message.received", MessageExchanged.class),
    MESSAGE_SENT("message.sent", MessageExchanged.class),
    SURVEY_ANSWERED("survey.answered", SurveyAnswered.class),
    PURCHASE_COMPLETED("purchase.completed", PurchaseCompleted.class),
    PURCHASE_REFUNDED("purchase.refunded", PurchaseRefunded.class),
    PROMOTION_SENT("promotion.sent", PromotionSent.class),
    PROMOTION_RESPONDED("promotion.responded", PromotionResponded.class),
    INTERACTION_TRACKED("interaction.tracked", InteractionTracked.class);

    private final String wireName;
    private final Class<? extends EventProperties> propertiesType;

    EventType(String wireName, Class<? extends EventProperties> propertiesType) {
        this.wireName = wireName;
        this.propertiesType = propertiesType;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public Class<? extends EventProperties> propertiesType() {
        return propertiesType;
    }

    /** Ticket and message events happen on a channel; the contract requires it for them. */
    public boolean requiresChannel() {
        return wireName.startsWith("ticket.") || wireName.startsWith("message.");
    }

    /** Produced by the platform itself (an erasure request), never accepted from clients. */
    public boolean platformOnly() {
        return this == CUSTOMER_ERASED;
    }

    @JsonCreator
    public static EventType fromWireName(String wireName) {
        for (EventType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type: " + wireName);
    }
}
