package org.annotationlab.nlprunner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final Set<String> KNOWN = Set.of("a", "b");

    @Test
    void readsSpaceAndEqualsForms() {
        Options options = Options.parse(List.of("--a", "1", "--b=x=y"), KNOWN);

        assertEquals("1", options.require("a"));
        assertEquals(Optional.of("x=y"), options.get("b"));
    }

    @Test
    void rejectsUnknownRepeatedValuelessAndPositionalArguments() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("--c", "1"), KNOWN)).getMessage().contains("--c"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--a", "1", "--a", "2"), KNOWN));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("--a"), KNOWN));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("a"), KNOWN));
    }

    @Test
    void requireNamesTheMissingOption() {
        Options options = Options.parse(List.of(), KNOWN);

        assertEquals("option --a is required",
                assertThrows(IllegalArgumentException.class, () -> options.require("a")).getMessage());
    }

    @Test
    void peekFindsAnOptionEvenAmongBadArguments() {
        assertEquals(Optional.of("/t"), Options.peek(List.of("--zzz", "--t", "/t"), "t"));
        assertEquals(Optional.of("/t"), Options.peek(List.of("--t=/t"), "t"));
        assertEquals(Optional.empty(), Options.peek(List.of("--t"), "t"));
    }
}
