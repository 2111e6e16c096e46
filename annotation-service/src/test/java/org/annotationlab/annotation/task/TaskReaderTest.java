package org.annotationlab.annotation.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.annotationlab.annotation.span.Span;
import org.annotationlab.annotation.task.importing.ImportRow;
import org.annotationlab.annotation.task.importing.TaskReader;
import org.junit.jupiter.api.Test;

class TaskReaderTest {

    private static List<ImportRow> read(String format, String body) throws Exception {
        List<ImportRow> rows = new ArrayList<>();
        try (TaskReader reader = TaskReader.open(format, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 100)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void conllSentencesBecomeTextsWithSpansFromBioTags() throws Exception {
        String conll = """
                -DOCSTART- -X- -X- O

                Familial\tO
                breast\tB-Disease
                cancer\tI-Disease
                .\tO

                gout NN O B-Disease
                and CC O O
                colitis NN O I-Disease
                """;

        List<ImportRow> rows = read("conll", conll);

        assertEquals(2, rows.size());
        assertEquals("Familial breast cancer .", rows.get(0).text());
        assertEquals(List.of(Span.of(9, 22, "Disease")), rows.get(0).spans());
        assertEquals(3, rows.get(0).line());
        assertEquals("gout and colitis", rows.get(1).text());
        assertEquals(List.of(Span.of(0, 4, "Disease"), Span.of(9, 16, "Disease")), rows.get(1).spans());
    }

    @Test
    void aMalformedConllLineIsReportedAtItsLine() throws Exception {
        List<ImportRow> rows = read("conll", "a\tO\nb c d\n\nx\tQ-Disease\n");

        assertEquals(2, rows.get(0).line());
        assertTrue(rows.get(0).isBad());
        assertEquals(4, rows.get(1).line());
        assertTrue(rows.get(1).error().contains("Q-Disease"));
    }

    @Test
    void jsonElementsCarryTheirLineAndBadOnesSayWhy() throws Exception {
        String json = "[\n {\"text\": \"first\", \"meta\": {\"source\": \"pubmed\"}},\n {\"txt\": \"typo\"},\n {\"text\": \"\"}\n]";

        List<ImportRow> rows = read("json", json);

        assertEquals("first", rows.get(0).text());
        assertEquals("{\"source\":\"pubmed\"}", rows.get(0).meta());
        assertNull(rows.get(0).spans());
        assertEquals(3, rows.get(1).line());
        assertTrue(rows.get(1).error().contains("txt"));
        assertEquals(4, rows.get(2).line());
    }

    @Test
    void brokenJsonEndsTheReadWithItsLocation() throws Exception {
        List<ImportRow> rows = read("json", "[{\"text\": \"ok\"},\n{\"text\": ");

        assertEquals(2, rows.size());
        assertTrue(rows.get(1).isBad());
        assertEquals(2, rows.get(1).line());
    }

    @Test
    void textLinesAreTasksAndOverLongOnesAreBad() throws Exception {
        List<ImportRow> rows = read("text", "one\n\n  two  \n" + "x".repeat(101) + "\n");

        assertEquals(List.of("one", "two"), rows.subList(0, 2).stream().map(ImportRow::text).toList());
        assertEquals(4, rows.get(2).line());
        assertTrue(rows.get(2).isBad());
    }
}
