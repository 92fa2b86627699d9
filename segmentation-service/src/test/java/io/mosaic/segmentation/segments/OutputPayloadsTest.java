package io.mosaic.segmentation.segments;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.events.CustomerBehavior;
import io.mosaic.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputPayloadsTest {

    @Test
    void theBehaviorEnvelopeIsTheContractsJsonWhateverTheIdsHold() throws Exception {
        String customerId = "c-\"quoted\"\\back\u00e9\u0001";
        Instant asOf = Instant.parse("2026-12-01T10:11:12.345Z");
        byte[] summary = OutputPayloads.jsonBytes(Map.of("purchases", Map.of("count", 2)));

        byte[] envelope = OutputPayloads.behavior("acme", customerId, asOf, summary);

        CustomerBehavior read = EventJson.mapper().readValue(envelope, CustomerBehavior.class);
        assertThat(read.tenant()).isEqualTo("acme");
        assertThat(read.customerId()).isEqualTo(customerId);
        assertThat(read.asOf()).isEqualTo(asOf);
        assertThat(read.behavior().at("/purchases/count").asInt()).isEqualTo(2);
        assertThat(new String(envelope, StandardCharsets.UTF_8)).contains("\"asOf\":\"2026-12-01T10:11:12.345Z\"");
    }

    @Test
    void noSummaryIsATombstone() {
        assertThat(OutputPayloads.behavior("acme", "c-1", Instant.EPOCH, null)).isNull();
    }
}
