package org.annotationlab.annotation.trainingset;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the selected training set holds: completions (one per task), tokens, entities per label,
 * and what snapping to token boundaries did to the spans (adjusted, dropped — never silent).
 */
public record TrainingSetSummary(int selectedCompletions, long tokens, long spans, long spansAdjusted,
        long spansDropped, Map<String, Long> entitiesPerLabel) {

    /** Accumulates a summary while blocks are written. */
    static final class Builder {
        private int selected;
        private long tokens;
        private long spans;
        private long adjusted;
        private long dropped;
        private final Map<String, Long> entities = new TreeMap<>();

        void add(ConllWriter.Tagging block) {
            selected++;
            tokens += block.tokens().size();
            spans += block.spans();
            adjusted += block.adjusted();
            dropped += block.dropped();
            block.entityLabels().forEach(label -> entities.merge(label, 1L, Long::sum));
        }

        TrainingSetSummary build() {
            return new TrainingSetSummary(selected, tokens, spans, adjusted, dropped, Map.copyOf(entities));
        }
    }
}
