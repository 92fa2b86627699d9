package io.mosaic.segmentation.stream;

import io.mosaic.streams.SmileSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The customer store's values in a compact binary form: a version byte, then every field in a fixed order, numbers
 * as variable-length integers. The customer state is written once per event, so this encoding is on the hottest
 * path of the topology (a generic binary JSON mapping cost a quarter of a stream thread). Values written by the
 * earlier Smile mapping are still read, so a store built by an older version keeps working.
 *
 * <p>Trait values are the contract's scalars and lists of scalars; anything else a trait could hold is written in
 * the generic mapping, so nothing is lost.
 */
final class CustomerStateSerde {
    static final byte VERSION = 0x4d; // 'M'; Smile values start with ':'
    private static final Serde<CustomerState> SMILE = SmileSerde.of(CustomerState.class);

    private CustomerStateSerde() {}

    static Serde<CustomerState> serde() {
        Serializer<CustomerState> serializer = (topic, state) -> state == null ? null : write(state);
        Deserializer<CustomerState> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length == 0 || bytes[0] != VERSION) {
                return SMILE.deserializer().deserialize(topic, bytes);
            }
            try {
                return new CustomerStateReader(bytes).state();
            } catch (RuntimeException e) {
                throw new SerializationException("cannot read a customer state", e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static byte[] write(CustomerState state) {
        return CustomerStateWriter.write(state);
    }

    /** The kinds of trait value, each written as one byte before the value. */
    static final class Tag {
        static final byte STRING = 1;
        static final byte INT = 2;
        static final byte LONG = 3;
        static final byte DECIMAL = 4;
        static final byte TRUE = 5;
        static final byte FALSE = 6;
        static final byte LIST = 7;
        static final byte GENERIC = 8;
    }
}
