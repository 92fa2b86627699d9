package io.mosaic.segmentation.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mosaic.segmentation.behavior.Counter;
import io.mosaic.segmentation.behavior.DayBucket;
import io.mosaic.segmentation.behavior.RfmHistogram;
import io.mosaic.segmentation.behavior.Stamped;
import io.mosaic.streams.SmileSerde;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class CustomerStateSerdeTest {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private final Serde<CustomerState> serde = CustomerStateSerde.serde();

    @Test
    void everyFieldSurvivesTheRoundTrip() throws Exception {
        CustomerState state = populated();

        byte[] bytes = serde.serializer().serialize("t", state);
        CustomerState read = serde.deserializer().deserialize("t", bytes);

        assertThat(bytes[0]).isEqualTo(CustomerStateSerde.VERSION);
        assertThat(JSON.writeValueAsString(read)).isEqualTo(JSON.writeValueAsString(state));
    }

    @Test
    void traitValuesKeepTheirTypesAndScale() {
        CustomerState read = roundTrip(populated());

        Map<String, Stamped<Object>> traits = read.aggregate.traits;
        assertThat(traits.get("demographic.birthYear").value()).isEqualTo(1988);
        assertThat(traits.get("custom.points").value()).isEqualTo(9_000_000_000L);
        assertThat(traits.get("custom.ratio").value()).isEqualTo(new BigDecimal("0.250"));
        assertThat(traits.get("custom.vip").value()).isEqualTo(Boolean.TRUE);
        assertThat(traits.get("psychographic.interests").value()).isEqualTo(List.of("coffee", "batik"));
        assertThat(traits.get("custom.nested").value()).isEqualTo(Map.of("a", 1));
        assertThat(read.aggregate.days.get(20_000L).spend.get("IDR")).isEqualTo(new BigDecimal("125000.50"));
        assertThat(read.aggregate.conditions.get("sig").get(20_000L).sum())
                .isEqualTo(new BigDecimal("123456789012345678901234567890.1"));
    }

    @Test
    void theDedupWindowRoundTrips() {
        CustomerState state = populated();
        long window = 7L * 24 * 3600 * 1000;
        state.seen.firstTime("evt-1", 1_700_000_000_000L, window);
        state.seen.firstTime("evt-2", 1_700_000_000_500L, window);

        CustomerState read = roundTrip(state);

        assertThat(read.seen.size()).isEqualTo(2);
        assertThat(read.seen.seenAt(1)).isEqualTo(1_700_000_000_500L);
        assertThat(read.seen.firstTime("evt-1", 1_700_000_001_000L, window)).isFalse();
        assertThat(read.seen.firstTime("evt-3", 1_700_000_001_000L, window)).isTrue();
    }

    @Test
    void anEmptyStateAndAMergePointerRoundTrip() throws Exception {
        CustomerState empty = new CustomerState();
        CustomerState pointer = new CustomerState();
        pointer.mergedInto = "cust-survivor";

        assertThat(JSON.writeValueAsString(roundTrip(empty))).isEqualTo(JSON.writeValueAsString(empty));
        assertThat(roundTrip(pointer).mergedInto).isEqualTo("cust-survivor");
    }

    @Test
    void aValueWrittenByTheEarlierSmileMappingIsStillRead() throws Exception {
        CustomerState state = populated();
        byte[] smile = SmileSerde.of(CustomerState.class).serializer().serialize("t", state);

        CustomerState read = serde.deserializer().deserialize("t", smile);

        assertThat(read.aggregate.days.get(20_000L).events).isEqualTo(3);
        assertThat(read.memberships).containsKey("loyal");
        assertThat(read.consent.granted()).isTrue();
    }

    @Test
    void aTruncatedValueIsASerializationErrorNotAWrongState() {
        byte[] bytes = serde.serializer().serialize("t", populated());

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 7)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void theBinaryFormIsSmallerThanTheGenericOne() {
        CustomerState state = populated();

        int binary = serde.serializer().serialize("t", state).length;
        int smile = SmileSerde.of(CustomerState.class).serializer().serialize("t", state).length;

        assertThat(binary).isLessThan(smile * 6 / 10);
    }

    private CustomerState roundTrip(CustomerState state) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));
    }

    private static CustomerState populated() {
        Instant at = Instant.parse("2024-10-05T03:04:05.123456789Z");
        CustomerState state = new CustomerState();
        state.aggregate.firstSeenAt = at;
        state.aggregate.lastSeenAt = at.plusSeconds(86_400);
        state.aggregate.firstPurchaseAt = at.plusSeconds(60);
        state.aggregate.lastPurchaseAt = at.plusSeconds(120);
        DayBucket day = new DayBucket();
        day.events = 3;
        day.purchases = 2;
        day.flashSalePurchases = 1;
        day.ticketsOpened = 4;
        day.ticketsResolved = 5;
        day.promotionsSent = 6;
        day.promotionsResponded = 7;
        day.addSpend("IDR", new BigDecimal("125000.50"));
        day.addSpend("USD", new BigDecimal("-3"));
        day.countChannel("whatsapp");
        day.countChannel("whatsapp");
        day.countChannel("email");
        state.aggregate.days.put(20_000L, day);
        state.aggregate.days.put(-3L, new DayBucket());
        state.aggregate.earlier.events = 40;
        state.aggregate.earlier.addSpend("IDR", new BigDecimal("1E+3"));
        state.aggregate.csatSum = 17;
        state.aggregate.csatCount = 4;
        state.aggregate.lastNps = new Stamped<>(9, at, "evt-nps");
        state.aggregate.traits.put("demographic.birthYear", new Stamped<>(1988, at, "evt-1"));
        state.aggregate.traits.put("geographic.city", new Stamped<>("Bandung — Jawa Barat", at, "evt-2"));
        state.aggregate.traits.put("custom.points", new Stamped<>(9_000_000_000L, at, "evt-3"));
        state.aggregate.traits.put("custom.ratio", new Stamped<>(new BigDecimal("0.250"), at, "evt-3"));
        state.aggregate.traits.put("custom.vip", new Stamped<>(Boolean.TRUE, at, null));
        state.aggregate.traits.put(
                "psychographic.interests", new Stamped<>(List.of("coffee", "batik"), at.minusSeconds(5), "evt-4"));
        state.aggregate.traits.put("custom.nested", new Stamped<>(Map.of("a", 1), at, "evt-5"));
        TreeMap<Long, Counter> counters = new TreeMap<>();
        counters.put(20_000L, new Counter(2, new BigDecimal("123456789012345678901234567890.1")));
        counters.put(19_990L, new Counter(1, BigDecimal.ZERO));
        state.aggregate.conditions.put("sig", counters);
        state.memberships.put("loyal", at);
        state.memberships.put("new-customers", at.plusNanos(1));
        state.aliases.add("cust-old");
        state.aliases.add("anon-1");
        state.nextCheckAt = at.plusSeconds(3600);
        state.rfm = new RfmHistogram.Contribution(480_000L, 24, 3, 12);
        state.behaviorFingerprint = -8_123_456_789L;
        state.countsFrom = 1_700_000_000_000L;
        state.consent = new CustomerState.Consent(true, at, "evt-consent");
        return state;
    }
}
