package io.mosaic.events.properties;

/** What kind of promotion a purchase used or a campaign offered. */
public enum PromotionKind {
    FLASH_SALE,
    DISCOUNT,
    VOUCHER,
    BUNDLE
}
