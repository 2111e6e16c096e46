package org.annotationlab.project.labelingconfig;

import java.util.List;
import java.util.Optional;

/**
 * A parsed labeling config: the NER labels a project annotates, in document order, each with the
 * model bound to predict it (or none).
 */
public record LabelingConfig(List<Label> labels) {

    public LabelingConfig {
        labels = List.copyOf(labels);
    }

    /** One {@code <Label value=… model=…/>}. */
    public record Label(String value, String model) {
        public Optional<String> boundModel() {
            return Optional.ofNullable(model);
        }
    }

    public List<String> labelValues() {
        return labels.stream().map(Label::value).toList();
    }
}
