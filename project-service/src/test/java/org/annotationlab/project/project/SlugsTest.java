package org.annotationlab.project.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void slugIsLowerCaseAsciiWithUnderscores() {
        assertEquals("clinical_notes_v2", Slugs.base("  Clinical Notes — v2! "));
        assertEquals("cafe_medical", Slugs.base("Café médical"));
        assertEquals("project", Slugs.base("!!!"));
    }

    @Test
    void slugIsCappedWithoutATrailingUnderscore() {
        String slug = Slugs.base("a".repeat(39) + " b");

        assertEquals("a".repeat(39), slug);
    }

    @Test
    void takenSlugGetsTheFirstFreeNumberAndStaysWithinTheCap() {
        assertEquals("ner", Slugs.unique("ner", Set.of("ner_2")));
        assertEquals("ner_3", Slugs.unique("ner", Set.of("ner", "ner_2")));
        String longBase = "x".repeat(40);
        assertEquals("x".repeat(38) + "_2", Slugs.unique(longBase, Set.of(longBase)));
    }
}
