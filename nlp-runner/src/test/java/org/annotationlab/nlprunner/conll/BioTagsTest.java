package org.annotationlab.nlprunner.conll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class BioTagsTest {

    @Test
    void beginFollowedByInsideIsOneSpan() {
        assertEquals(List.of(new TokenSpan(1, 4, "Disease")),
                BioTags.spans(List.of("O", "B-Disease", "I-Disease", "I-Disease", "O")));
    }

    @Test
    void twoBeginsInARowAreTwoSpans() {
        assertEquals(List.of(new TokenSpan(0, 1, "X"), new TokenSpan(1, 2, "X")),
                BioTags.spans(List.of("B-X", "B-X")));
    }

    @Test
    void insideWithoutBeginStartsASpanLikeConlleval() {
        assertEquals(List.of(new TokenSpan(1, 3, "X")), BioTags.spans(List.of("O", "I-X", "I-X")));
    }

    @Test
    void insideOfAnotherTypeEndsTheSpanAndStartsANewOne() {
        assertEquals(List.of(new TokenSpan(0, 2, "X"), new TokenSpan(2, 3, "Y")),
                BioTags.spans(List.of("B-X", "I-X", "I-Y")));
    }

    @Test
    void spanAtTheEndOfTheSentenceIsClosed() {
        assertEquals(List.of(new TokenSpan(2, 3, "X")), BioTags.spans(List.of("O", "O", "B-X")));
    }

    @Test
    void outsideOnlyHasNoSpans() {
        assertTrue(BioTags.spans(List.of("O", "O")).isEmpty());
        assertTrue(BioTags.spans(List.of()).isEmpty());
    }

    @Test
    void validatesTagsAndStripsPrefixes() {
        assertTrue(BioTags.isValid("O"));
        assertTrue(BioTags.isValid("B-Disease"));
        assertFalse(BioTags.isValid("E-Disease"));
        assertFalse(BioTags.isValid("B-"));
        assertFalse(BioTags.isValid("Disease"));
        assertEquals("Disease", BioTags.label("I-Disease"));
        assertEquals(null, BioTags.label("O"));
    }
}
