package io.mosaic.events;

/** The channel an interaction happened on. */
public enum Channel {
    EMAIL,
    CHAT,
    WHATSAPP,
    PHONE,
    SOCIAL,
    WEB,
    APP,
    STORE,
    SMS
}
