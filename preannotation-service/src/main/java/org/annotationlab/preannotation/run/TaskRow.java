package org.annotationlab.preannotation.run;

import java.util.UUID;

/** One of a run's tasks as the worker carries it: its place in the run, its id and its text. */
record TaskRow(int seq, UUID taskId, String text) {

    /** A row of {@code select seq, task_id, text from preannotation_task}. */
    static TaskRow of(Object[] row) {
        return new TaskRow(((Number) row[0]).intValue(), (UUID) row[1], (String) row[2]);
    }
}
