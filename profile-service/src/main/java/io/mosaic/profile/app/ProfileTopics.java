package io.mosaic.profile.app;

import io.mosaic.common.kafka.RequiredTopics;
import io.mosaic.common.kafka.TopicSpec;
import io.mosaic.common.kafka.TopicsConfig;
import io.mosaic.profile.ProfileConfig;
import io.mosaic.profile.stream.ProfileTopology;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The topics of the profile service, created at start-up when missing, all with the configured partition count
 * (the handovers and claims must be partitioned like the events). The two changelogs the read model copies are
 * created here too, compacted, as Kafka Streams would: the read-model consumers subscribe to them before the
 * topology's first start.
 */
@ApplicationScoped
public class ProfileTopics implements RequiredTopics {
    private final TopicsConfig shared;
    private final ProfileConfig own;
    private final String applicationId;

    public ProfileTopics(
            TopicsConfig shared,
            ProfileConfig own,
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId) {
        this.shared = shared;
        this.own = own;
        this.applicationId = applicationId;
    }

    public ProfileTopology.Topics names() {
        return new ProfileTopology.Topics(
                shared.interactions(),
                shared.customerBehavior(),
                shared.segmentChanges(),
                own.handoversTopic(),
                own.claimsTopic(),
                shared.interactionsDlq());
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(
                new TopicSpec(shared.interactions(), false),
                new TopicSpec(shared.interactionsDlq(), false),
                new TopicSpec(shared.segmentChanges(), false),
                new TopicSpec(shared.customerBehavior(), true),
                new TopicSpec(own.handoversTopic(), false),
                new TopicSpec(own.claimsTopic(), false),
                new TopicSpec(ProfileTopology.changelog(applicationId, ProfileTopology.PROFILES), true),
                new TopicSpec(ProfileTopology.changelog(applicationId, ProfileTopology.TIMELINE), true));
    }
}
