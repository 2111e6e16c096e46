package org.annotationlab.project.labelingconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelingConfigParserTest {

    private final LabelingConfigParser parser = new LabelingConfigParser(4096, 5);

    static final String DESIGN_EXAMPLE = """
            <View>
              <Labels name="label" toName="text">
                <Label value="DRUG"    model="clinical_notes_ner_v3"/>
                <Label value="DOSAGE"  model="clinical_notes_ner_v3"/>
                <Label value="PERSON"  model="ner_person_pretrained"/>
                <Label value="SYMPTOM"/>
              </Labels>
              <Text name="text" value="$text"/>
            </View>
            """;

    @Test
    void parsesLabelsInOrderWithTheirModelBindings() {
        LabelingConfig config = parser.parse(DESIGN_EXAMPLE);

        assertEquals(List.of(
                new LabelingConfig.Label("DRUG", "clinical_notes_ner_v3"),
                new LabelingConfig.Label("DOSAGE", "clinical_notes_ner_v3"),
                new LabelingConfig.Label("PERSON", "ner_person_pretrained"),
                new LabelingConfig.Label("SYMPTOM", null)), config.labels());
    }

    @Test
    void refusesADoctypeSoNoEntityCanBeExpanded() {
        String billionLaughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <View><Labels name="l" toName="t"><Label value="&lol2;"/></Labels><Text name="t" value="$text"/></View>
                """;

        LabelingConfigException e = assertThrows(LabelingConfigException.class, () -> parser.parse(billionLaughs));

        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void refusesAnExternalEntity() {
        String xxe = """
                <!DOCTYPE v [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <View><Labels name="l" toName="t"><Label value="&xxe;"/></Labels><Text name="t" value="$text"/></View>
                """;

        LabelingConfigException e = assertThrows(LabelingConfigException.class, () -> parser.parse(xxe));

        assertEquals("labelingConfig", e.errors().get(0).field());
    }

    @Test
    void reportsWhereMalformedXmlBreaks() {
        LabelingConfigException e = assertThrows(LabelingConfigException.class,
                () -> parser.parse("<View>\n<Labels name=\"l\" toName=\"t\">\n</View>"));

        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void refusesConfigsOverTheSizeLimitBeforeParsing() {
        String huge = "<View>" + "<!-- padding -->".repeat(300) + "</View>";

        LabelingConfigException e = assertThrows(LabelingConfigException.class, () -> parser.parse(huge));

        assertTrue(e.getMessage().contains("larger than 4096 bytes"), e.getMessage());
    }

    @Test
    void refusesDuplicateLabelsAndLabelsWithSpaces() {
        String duplicate = "<View><Labels name=\"l\" toName=\"t\"><Label value=\"A\"/><Label value=\"A\"/></Labels>"
                + "<Text name=\"t\" value=\"$text\"/></View>";
        String spaced = "<View><Labels name=\"l\" toName=\"t\"><Label value=\"Person Name\"/></Labels>"
                + "<Text name=\"t\" value=\"$text\"/></View>";

        assertTrue(assertThrows(LabelingConfigException.class, () -> parser.parse(duplicate)).getMessage()
                .contains("declared twice"));
        assertEquals("Label[value=Person Name]",
                assertThrows(LabelingConfigException.class, () -> parser.parse(spaced)).errors().get(0).field());
    }

    @Test
    void refusesLabelsPointingAtNoTextAndConfigsWithoutLabels() {
        String wrongTarget = "<View><Labels name=\"l\" toName=\"body\"><Label value=\"A\"/></Labels>"
                + "<Text name=\"t\" value=\"$text\"/></View>";

        assertEquals("Labels[0].toName",
                assertThrows(LabelingConfigException.class, () -> parser.parse(wrongTarget)).errors().get(0).field());
        assertThrows(LabelingConfigException.class, () -> parser.parse("<View><Text name=\"t\" value=\"$text\"/></View>"));
        assertThrows(LabelingConfigException.class, () -> parser.parse("<Labels/>"));
        assertThrows(LabelingConfigException.class, () -> parser.parse("  "));
    }

    @Test
    void refusesMoreLabelsThanTheLimit() {
        StringBuilder xml = new StringBuilder("<View><Labels name=\"l\" toName=\"t\">");
        for (int i = 0; i < 6; i++) {
            xml.append("<Label value=\"L").append(i).append("\"/>");
        }
        xml.append("</Labels><Text name=\"t\" value=\"$text\"/></View>");

        assertTrue(assertThrows(LabelingConfigException.class, () -> parser.parse(xml.toString())).getMessage()
                .contains("at most 5"));
    }
}
