package io.mosaic.profile.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.persistence.Jdbc;
import io.mosaic.profile.stream.ProfileState;
import io.mosaic.profile.stream.ProfileStateSerde;
import io.mosaic.testing.FreshStateDirectory;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * The read model as the {@code profiles} changelog leaves it, batch by batch, in the orders a merge and an erasure
 * can reach it: the states are written here directly, so each in-between moment can be looked at.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(FreshStateDirectory.class)
@WithTestResource(PostgresTestResource.class)
class ReadModelWriterTest {
    private static final Serializer<ProfileState> STATES =
            ProfileStateSerde.serde().serializer();
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    ReadModelWriter writer;

    @Inject
    ProfileReads reads;

    @Inject
    Jdbc jdbc;

    @Test
    void anAbsorbedIdFindsItsSurvivorBeforeTheSurvivorHasTheAbsorbedState() {
        writer.profiles(List.of(record("anon-1", profile(1)), record("user-1", profile(1))));
        assertThat(foundBy("anon-1")).containsExactly("anon-1");

        writer.profiles(List.of(record("anon-1", pointerTo("user-1"))));
        assertThat(foundBy("anon-1"))
                .as("the merge reached the absorbed id only")
                .containsExactly("user-1");

        ProfileState survivor = profile(2);
        survivor.aliases.add("anon-1");
        writer.profiles(List.of(record("user-1", survivor)));
        assertThat(foundBy("anon-1")).as("the survivor has absorbed it").containsExactly("user-1");

        writer.profiles(List.of(record("anon-1", pointerTo("user-1")))); // the pointer passed an event on
        assertThat(foundBy("anon-1")).containsExactly("user-1");
        assertThat(foundBy("user-1")).containsExactly("user-1");
    }

    @Test
    void anErasedSurvivorLeavesNoKeyOfItsAbsorbedIdsWhateverTheOrder() {
        ProfileState survivor = profile(2);
        survivor.aliases.add("anon-2");
        writer.profiles(List.of(record("anon-2", pointerTo("user-2")), record("user-2", survivor)));
        writer.profiles(List.of(record("user-2", null)));
        assertThat(foundBy("anon-2")).isEmpty();

        writer.profiles(List.of(record("anon-2", pointerTo("user-2")))); // written before its own erasure arrived
        writer.profiles(List.of(record("anon-2", null)));
        assertThat(foundBy("anon-2")).isEmpty();
        assertThat(jdbc.query(
                        "select count(*) from profile_lookup where tenant = ?",
                        statement -> statement.setString(1, tenant),
                        row -> row.getLong(1)))
                .as("keys left of the erased person")
                .containsExactly(0L);
    }

    private List<String> foundBy(String id) {
        return reads.find(tenant, "id", id).stream()
                .map(ProfileReads.Found::customerId)
                .toList();
    }

    private ConsumerRecord<String, byte[]> record(String customerId, ProfileState state) {
        String topic = "mosaic-profile-topology-profiles-changelog";
        return new ConsumerRecord<>(
                topic, 0, 0, tenant + ":" + customerId, state == null ? null : STATES.serialize(topic, state));
    }

    private static ProfileState profile(long lookupsVersion) {
        ProfileState state = new ProfileState();
        state.firstSeenAt = AT;
        state.lastSeenAt = AT;
        state.updatedAt = AT;
        state.lookupsVersion = lookupsVersion;
        return state;
    }

    private static ProfileState pointerTo(String survivor) {
        ProfileState state = new ProfileState();
        state.mergedInto = survivor;
        return state;
    }
}
