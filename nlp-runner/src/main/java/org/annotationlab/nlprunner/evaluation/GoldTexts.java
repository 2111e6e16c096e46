package org.annotationlab.nlprunner.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.annotationlab.nlprunner.conll.ConllSentence;

/**
 * CoNLL sentences as the raw task texts a person would import, with their gold entities as
 * character spans: tokens joined by spaces, or glued as prose writes them (no space before
 * {@code , . ; : ) ] %}, none after {@code ( [}, none around {@code - /}: "IL-2", "(CALS),").
 */
public final class GoldTexts {

    private static final Set<String> NO_SPACE_BEFORE = Set.of(",", ".", ";", ":", ")", "]", "%", "-", "/");
    private static final Set<String> NO_SPACE_AFTER = Set.of("(", "[", "-", "/");

    private GoldTexts() {
    }

    /** Each sentence as a task: its tokens joined (by spaces, or glued as prose), each entity as a character span. */
    public static List<TestSetEvaluation.GoldTask> tasks(List<ConllSentence> sentences, boolean glue) {
        List<TestSetEvaluation.GoldTask> tasks = new ArrayList<>();
        for (ConllSentence sentence : sentences) {
            List<String> tokens = sentence.tokens();
            StringBuilder text = new StringBuilder();
            int[] starts = new int[tokens.size()];
            int[] ends = new int[tokens.size()];
            for (int i = 0; i < tokens.size(); i++) {
                boolean space = i > 0 && !(glue && (NO_SPACE_BEFORE.contains(tokens.get(i))
                        || NO_SPACE_AFTER.contains(tokens.get(i - 1))));
                if (space) {
                    text.append(' ');
                }
                starts[i] = text.length();
                text.append(tokens.get(i));
                ends[i] = text.length();
            }
            List<CharSpan> spans = sentence.entities().stream()
                    .map(e -> new CharSpan(starts[e.start()], ends[e.end() - 1], e.label())).toList();
            tasks.add(new TestSetEvaluation.GoldTask(text.toString(), spans));
        }
        return tasks;
    }

    /** A sentence's tokens glued as prose writes them. */
    public static String prose(List<String> tokens) {
        return tasks(List.of(new ConllSentence(tokens, tokens.stream().map(t -> "O").toList())), true).get(0).text();
    }
}
