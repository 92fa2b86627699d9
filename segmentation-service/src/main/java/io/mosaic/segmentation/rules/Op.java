package io.mosaic.segmentation.rules;

/** Comparison operators of rule conditions, spelled in lower case in rules. */
public enum Op {
    EQ,
    NEQ,
    IN,
    NIN,
    GT,
    GTE,
    LT,
    LTE,
    EXISTS,
    CONTAINS;

    public boolean numeric() {
        return this == GT || this == GTE || this == LT || this == LTE;
    }

    public boolean takesList() {
        return this == IN || this == NIN;
    }
}
