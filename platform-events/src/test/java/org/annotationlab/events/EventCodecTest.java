package org.annotationlab.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.EventCodec.MalformedEventException;
import org.annotationlab.events.deployment.ModelRegistered;
import org.annotationlab.events.project.MemberAdded;
import org.annotationlab.events.project.ProjectRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CloudEvents envelope every event travels in, and what a consumer refuses as not an event. */
class EventCodecTest {

    private final EventCodec codec = new EventCodec(
            Clock.fixed(Instant.parse("2026-12-06T09:15:30.123456789Z"), ZoneId.of("Europe/Berlin")));

    @Test
    void anEventTravelsKeyedByItsProjectAndComesBackEqual() {
        UUID project = UUID.randomUUID();
        MemberAdded added = new MemberAdded(project, "anna", ProjectRole.ANNOTATOR);

        EventEnvelope envelope = codec.wrap(added, "project-service");
        EventEnvelope decoded = codec.decode(codec.encode(envelope));

        assertEquals(envelope, decoded);
        assertEquals(added, codec.data(decoded, MemberAdded.class));
        assertEquals("1.0", decoded.specversion());
        assertEquals("lab.projects.MemberAdded", decoded.type());
        assertEquals("project-service", decoded.source());
        assertEquals(project.toString(), decoded.subject());
        assertEquals(OffsetDateTime.parse("2026-12-06T09:15:30.123456Z"), decoded.time(), "UTC, to the microsecond");
    }

    @Test
    void aPlatformWideEventHasNoSubject() {
        ModelRegistered catalogued = new ModelRegistered(null, "ner_person_pretrained", List.of("PERSON"), true);

        assertNull(codec.wrap(catalogued, "deploy-service").subject());
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        UUID project = UUID.randomUUID();
        String newer = codec.encode(codec.wrap(new MemberAdded(project, "anna", ProjectRole.REVIEWER), "test"))
                .replace("\"username\":", "\"team\":\"blue\",\"username\":")
                .replace("\"specversion\":", "\"traceparent\":\"00-abc-def-01\",\"specversion\":");

        EventEnvelope decoded = codec.decode(newer);

        assertEquals(new MemberAdded(project, "anna", ProjectRole.REVIEWER), codec.data(decoded, MemberAdded.class));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"{not json", "", "[]", "42", "null",
        "{\"specversion\":\"1.0\",\"type\":\"lab.projects.ProjectDeleted\",\"data\":{}}",
        "{\"specversion\":\"1.0\",\"id\":\"7b0c4c4e-5f5e-4a55-9d49-2b0c7f8a1e11\",\"data\":{}}",
        "{\"specversion\":\"1.0\",\"id\":\"7b0c4c4e-5f5e-4a55-9d49-2b0c7f8a1e11\",\"type\":\"lab.projects.ProjectDeleted\"}",
        "{\"id\":\"not-a-uuid\",\"type\":\"lab.projects.ProjectDeleted\",\"data\":{}}"})
    void aRecordThatIsNotAnEnvelopeIsMalformed(String record) {
        assertThrows(MalformedEventException.class, () -> codec.decode(record));
    }

    @Test
    void dataThatDoesNotFitTheEventTypeIsMalformed() {
        EventEnvelope envelope = codec.decode(codec.encode(codec.wrap(
                new MemberAdded(UUID.randomUUID(), "eve", ProjectRole.OWNER), "test")).replace("\"OWNER\"", "\"KING\""));

        assertThrows(MalformedEventException.class, () -> codec.data(envelope, MemberAdded.class));
    }
}
