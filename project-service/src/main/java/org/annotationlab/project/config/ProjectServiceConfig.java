package org.annotationlab.project.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/** project-service settings. */
@ConfigMapping(prefix = "lab.project")
public interface ProjectServiceConfig {

    /**
     * Pretrained models that labeling configs may name before deploy-service registers them: model
     * name → the labels it predicts. Models registered through {@code lab.deployments} are added to these.
     */
    Map<String, List<String>> pretrainedModels();

    /** Labeling-config limits. */
    LabelingConfigLimits labelingConfig();

    /** Limits that keep a labeling config cheap to parse and store. */
    interface LabelingConfigLimits {
        /** Largest accepted config, in bytes of UTF-8. */
        @WithDefault("65536")
        int maxBytes();

        /** Most labels one config may declare. */
        @WithDefault("200")
        int maxLabels();
    }
}
