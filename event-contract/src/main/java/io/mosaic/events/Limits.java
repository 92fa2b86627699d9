package io.mosaic.events;

/** Size limits of the contract, so that one event always fits a Kafka record and a profile stays bounded. */
public final class Limits {
    public static final int ID_LENGTH = 128;
    public static final int SOURCE_LENGTH = 64;
    public static final int KEY_LENGTH = 64;
    public static final int TEXT_LENGTH = 1_000;
    public static final int EMAIL_LENGTH = 254;
    public static final int LIST_ITEMS = 100;
    public static final int MAP_ENTRIES = 50;

    private Limits() {}
}
