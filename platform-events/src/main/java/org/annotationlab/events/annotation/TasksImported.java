package org.annotationlab.events.annotation;

import java.util.UUID;

/** Tasks were imported into a project (one event per import). */
public record TasksImported(UUID projectId, int imported, int withCompletions, String format, String importedBy) implements AnnotationEvent {
}
