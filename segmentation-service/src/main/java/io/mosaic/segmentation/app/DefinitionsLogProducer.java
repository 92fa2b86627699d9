package io.mosaic.segmentation.app;

import io.mosaic.segmentation.stream.DefinitionsLog;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where the API writes segment definitions: the definitions topic, confirmed against this instance's store. */
@ApplicationScoped
public class DefinitionsLogProducer {

    @Produces
    @ApplicationScoped
    DefinitionsLog definitionsLog(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name") String application,
            SegmentationConfig config,
            TopologyStores stores) {
        Map<String, Object> settings = new java.util.HashMap<>(kafkaConfig);
        settings.put("client.id", application + "-definitions");
        return new DefinitionsLog(
                settings, config.definitionsTopic(), stores::definitions, config.definitionsVisibleWithin());
    }

    void close(@Disposes DefinitionsLog log) {
        log.close();
    }
}
