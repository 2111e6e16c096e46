package org.annotationlab.nlprunner.conll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConllParserTest {

    private static List<ConllSentence> parse(String text) throws Exception {
        return new ConllParser().parse(new StringReader(text));
    }

    @Test
    void readsTwoColumnTokenTagSentencesSeparatedByBlankLines() throws Exception {
        List<ConllSentence> sentences = parse("Breast\tB-Disease\ncancer\tI-Disease\n.\tO\n\nIt\tO\nis\tO\n");

        assertEquals(2, sentences.size());
        assertEquals(List.of("Breast", "cancer", "."), sentences.get(0).tokens());
        assertEquals(List.of("B-Disease", "I-Disease", "O"), sentences.get(0).tags());
        assertEquals(List.of("It", "is"), sentences.get(1).tokens());
    }

    @Test
    void readsFourColumnConll2003ExportAndSkipsDocumentStarts() throws Exception {
        String text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n"
                + "-DOCSTART- -X- -X- O\nPeter NNP B-NP B-PER\n";

        List<ConllSentence> sentences = parse(text);

        assertEquals(2, sentences.size());
        assertEquals(List.of("EU", "rejects"), sentences.get(0).tokens());
        assertEquals(List.of("B-ORG", "O"), sentences.get(0).tags());
        assertEquals(List.of("B-PER"), sentences.get(1).tags());
    }

    @Test
    void toleratesCrlfRepeatedBlankLinesWhitespaceOnlyLinesAndByteOrderMark() throws Exception {
        List<ConllSentence> sentences = parse("\uFEFFa\tO\r\n\r\n\r\n   \nb\tB-X\r\n");

        assertEquals(2, sentences.size());
        assertEquals(List.of("a"), sentences.get(0).tokens());
        assertEquals(List.of("B-X"), sentences.get(1).tags());
    }

    @Test
    void emptyInputHasNoSentences() throws Exception {
        assertTrue(parse("").isEmpty());
        assertTrue(parse("\n\n  \n").isEmpty());
    }

    @Test
    void lineWithoutTagIsRejectedWithItsLineNumber() {
        ConllFormatException e = assertThrows(ConllFormatException.class, () -> parse("a\tO\nlonely\nb\tO\n"));

        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("line 2: "), e.getMessage());
    }

    @Test
    void tagThatIsNotBioIsRejected() {
        ConllFormatException e = assertThrows(ConllFormatException.class, () -> parse("a\tO\nb\tDisease\n"));

        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("'Disease' is not a BIO tag"), e.getMessage());
    }

    @Test
    void tokenMayContainSpacesWhenColumnsAreTabSeparated() throws Exception {
        List<ConllSentence> sentences = parse("New York\tB-LOC\n");

        assertEquals(List.of("New York"), sentences.get(0).tokens());
    }
}
