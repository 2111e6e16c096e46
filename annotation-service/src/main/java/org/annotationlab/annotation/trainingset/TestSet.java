package org.annotationlab.annotation.trainingset;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A project's test tag (DESIGN.md §4): the tasks carrying it are the project's test set, selected
 * by the same rules as the training set and never part of it. annotation-service owns the setting
 * because it owns the tags and the selection: every export and count reads the tag in the same
 * snapshot as the tasks, so a change of tag can never let a test task slip into a training set.
 * A project without a row uses {@link #DEFAULT_TAG}.
 */
@Entity
@Table(name = "test_set_setting")
public class TestSet extends PanacheEntityBase {

    public static final String DEFAULT_TAG = "test";

    @Id
    @Column(name = "project_id")
    public UUID projectId;

    @Column(nullable = false)
    public String tag;

    /** The project's test tag. */
    public static Uni<String> tagOf(UUID projectId) {
        return TestSet.<TestSet>findById(projectId).map(s -> s == null ? DEFAULT_TAG : s.tag);
    }

    /** SQL: the test tag of the project {@code project} (a column or parameter). */
    static String tagSql(String project) {
        return "coalesce((select s.tag from test_set_setting s where s.project_id = " + project + "), '"
                + DEFAULT_TAG + "')";
    }

    /** SQL: whether the task {@code taskId} of the project {@code project} is a test task. */
    static String containsSql(String taskId, String project) {
        return "exists (select 1 from task_tag x where x.task_id = " + taskId + " and x.tag = " + tagSql(project) + ")";
    }
}
