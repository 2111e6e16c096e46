package org.annotationlab.annotation.trainingset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.annotationlab.annotation.trainingset.SelectionRules.Candidate;
import org.junit.jupiter.api.Test;

class SelectionRulesTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static Candidate submitted(String status, int minute) {
        return new Candidate(UUID.randomUUID(), true, status, T0.plusMinutes(minute));
    }

    private static Candidate draft(int minute) {
        return new Candidate(UUID.randomUUID(), false, "PENDING", null);
    }

    @Test
    void trainingSetPrefersAcceptedCompletionOverNewerSubmitted() {
        Candidate accepted = submitted("ACCEPTED", 1);
        Candidate newer = submitted("PENDING", 9);

        assertEquals(accepted, SelectionRules.select(List.of(newer, accepted)).orElseThrow());
    }

    @Test
    void mostRecentAcceptedWinsWhenSeveralAreAccepted() {
        Candidate older = submitted("ACCEPTED", 1);
        Candidate newer = submitted("ACCEPTED", 5);

        assertEquals(newer, SelectionRules.select(List.of(newer, older)).orElseThrow());
    }

    @Test
    void rejectedCompletionsAreNeverUsedEvenWhenNewest() {
        Candidate pending = submitted("PENDING", 1);
        Candidate rejected = submitted("REJECTED", 9);

        assertEquals(pending, SelectionRules.select(List.of(rejected, pending)).orElseThrow());
        assertTrue(SelectionRules.select(List.of(rejected)).isEmpty());
    }

    @Test
    void withoutAcceptanceTheMostRecentSubmittedIsSelected() {
        Candidate first = submitted("PENDING", 1);
        Candidate second = submitted("PENDING", 2);

        assertEquals(second, SelectionRules.select(List.of(second, first)).orElseThrow());
    }

    @Test
    void draftsAreNeverUsed() {
        assertTrue(SelectionRules.select(List.of(draft(1), draft(2))).isEmpty());
        Candidate submitted = submitted("PENDING", 1);
        assertEquals(submitted, SelectionRules.select(List.of(draft(5), submitted)).orElseThrow());
    }

    @Test
    void acceptedBeatsRejectedAndDraftsAndPendingTogether() {
        Candidate accepted = submitted("ACCEPTED", 1);
        List<Candidate> all = List.of(submitted("REJECTED", 7), draft(8), submitted("PENDING", 6), accepted);

        assertEquals(accepted, SelectionRules.select(all).orElseThrow());
    }

    @Test
    void tiesOnTimeAreBrokenByIdSoTheChoiceIsStable() {
        Candidate a = new Candidate(new UUID(0, 1), true, "PENDING", T0);
        Candidate b = new Candidate(new UUID(0, 2), true, "PENDING", T0);

        assertEquals(b, SelectionRules.select(List.of(a, b)).orElseThrow());
        assertEquals(b, SelectionRules.select(List.of(b, a)).orElseThrow());
    }
}
