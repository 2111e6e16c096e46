package org.annotationlab.events;

import java.util.UUID;

/**
 * A fact that happened in one service, published on that service's topic and keyed by the
 * project it concerns. The CloudEvents {@code type} is {@code <topic>.<record simple name>},
 * e.g. {@code lab.projects.MemberAdded}.
 */
public interface DomainEvent {

    /**
     * The project this event is about; it is the Kafka key and the CloudEvents subject. Null only
     * for platform-wide facts (a pretrained model in the catalog), which are published unkeyed.
     */
    UUID projectId();

    /** The topic of the publishing service. */
    String topic();

    /** The CloudEvents type. */
    default String type() {
        return topic() + "." + getClass().getSimpleName();
    }
}
