package org.annotationlab.annotation.trainingset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.annotationlab.annotation.span.Span;
import org.annotationlab.training.contract.Tokenization;
import org.junit.jupiter.api.Test;

class ConllWriterTest {

    @Test
    void tokenizerSplitsPunctuationAndKeepsOffsets() {
        List<Tokenization.Token> tokens = Tokenization.tokenize("Ataxia-telangiectasia (A-T), rare.");

        assertEquals(List.of("Ataxia", "-", "telangiectasia", "(", "A", "-", "T", ")", ",", "rare", "."),
                tokens.stream().map(Tokenization.Token::text).toList());
        assertEquals(23, tokens.get(4).start());
    }

    @Test
    void alignedSpansBecomeBioTagsWithoutAdjustment() {
        String text = "Familial breast cancer is rare";

        ConllWriter.Block block = ConllWriter.write(text, List.of(Span.of(9, 22, "Disease")));

        assertEquals("""
                Familial -X- -X- O
                breast -X- -X- B-Disease
                cancer -X- -X- I-Disease
                is -X- -X- O
                rare -X- -X- O

                """, block.conll());
        assertEquals(0, block.adjusted());
        assertEquals(List.of("Disease"), block.entityLabels());
    }

    @Test
    void aSpanCuttingATokenGrowsToTheWholeTokenAndIsCounted() {
        String text = "the myopathies were severe";

        ConllWriter.Block block = ConllWriter.write(text, List.of(Span.of(6, 13, "Disease")));

        assertEquals("myopathies -X- -X- B-Disease", block.conll().lines().toList().get(1));
        assertEquals(1, block.adjusted());
        assertEquals(0, block.dropped());
    }

    @Test
    void overlappingSpansKeepTheEarlierAndCountTheLaterAsAdjustedOrDropped() {
        String text = "acute renal failure";
        List<Span> spans = List.of(Span.of(0, 11, "A"), Span.of(6, 19, "B"), Span.of(6, 11, "C"));

        ConllWriter.Block block = ConllWriter.write(text, spans);

        assertEquals(List.of("acute -X- -X- B-A", "renal -X- -X- I-A", "failure -X- -X- B-B", ""),
                block.conll().lines().toList());
        assertEquals(1, block.adjusted());
        assertEquals(1, block.dropped());
        assertEquals(3, block.spans());
    }

    @Test
    void aSpanOverOnlyWhitespaceIsCountedAsDroppedNeverSilentlyLost() {
        ConllWriter.Block block = ConllWriter.write("a  b", List.of(Span.of(1, 3, "X")));

        assertEquals(1, block.dropped());
        assertEquals("a -X- -X- O\nb -X- -X- O\n\n", block.conll());
    }
}
