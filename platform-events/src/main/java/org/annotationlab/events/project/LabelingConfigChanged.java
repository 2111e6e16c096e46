package org.annotationlab.events.project;

import java.util.List;
import java.util.UUID;

/**
 * A project's labeling config changed. Carries the parsed labels with their model bindings so
 * consumers need not parse XML, and the XML itself for the ones that show it.
 */
public record LabelingConfigChanged(UUID projectId, List<LabelBinding> labels, String config) implements ProjectEvent {

    /** One label of the config and the model that predicts it, or {@code null} when none is bound. */
    public record LabelBinding(String label, String model) {
    }
}
