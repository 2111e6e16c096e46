package org.annotationlab.annotation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** annotation-service settings. */
@ConfigMapping(prefix = "lab.annotation")
public interface AnnotationConfig {

    /** Longest task text accepted, in characters. */
    @WithDefault("100000")
    int maxTextLength();

    /** Rows written per JDBC batch during an import. */
    @WithDefault("1000")
    int importBatchSize();

    /** Rows fetched per round trip while exporting a training set. */
    @WithDefault("1000")
    int exportFetchSize();

    /** Bad rows an import with skipBadRows reports one by one (all are counted). */
    @WithDefault("1000")
    int maxReportedBadRows();

    /**
     * Statements writing submitted completions at once; concurrent submits beyond them wait and
     * are written together by the next one (group commit).
     */
    @WithDefault("4")
    int submitWritesInFlight();
}
