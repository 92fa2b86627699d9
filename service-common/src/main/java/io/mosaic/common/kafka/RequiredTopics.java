package io.mosaic.common.kafka;

import java.util.List;

/** The topics a service reads or writes; each service provides one bean of this type. */
public interface RequiredTopics {
    List<TopicSpec> topics();
}
