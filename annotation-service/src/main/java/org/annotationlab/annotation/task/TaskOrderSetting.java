package org.annotationlab.annotation.task;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A project's task order (DESIGN.md §4): which {@link TaskOrder} picks a user's next task.
 * annotation-service owns it because it owns the tasks and what the models said of them. A project
 * without a row orders sequentially.
 */
@Entity
@Table(name = "task_order_setting")
public class TaskOrderSetting extends PanacheEntityBase {

    public static final String SEQUENTIAL = "sequential";
    public static final String RANDOM = "random";
    public static final String UNCERTAINTY = "uncertainty";
    /** The API's strategy names, as a validation pattern. */
    static final String STRATEGIES = SEQUENTIAL + "|" + RANDOM + "|" + UNCERTAINTY;
    /** The API's measure names, as a validation pattern. */
    static final String MEASURES = "least-confidence|mnlp|entropy";

    @Id
    @Column(name = "project_id")
    public UUID projectId;

    @Column(nullable = false)
    public String strategy;

    /** For {@code uncertainty}: which measure ({@link TaskOrder.Measure}'s name); kept whatever the strategy. */
    @Column(nullable = false)
    public String measure;

    /** For {@code random}: the seed; kept whatever the strategy. */
    @Column(nullable = false)
    public long seed;

    /** The project's setting, the default one when it has none. */
    public static Uni<TaskOrderSetting> of(UUID projectId) {
        return TaskOrderSetting.<TaskOrderSetting>findById(projectId).map(found -> {
            if (found != null) {
                return found;
            }
            TaskOrderSetting setting = new TaskOrderSetting();
            setting.projectId = projectId;
            setting.strategy = SEQUENTIAL;
            setting.measure = TaskOrder.Measure.MNLP.value;
            setting.seed = 1;
            return setting;
        });
    }

    /** The order this setting names. */
    public TaskOrder order() {
        return switch (strategy) {
            case RANDOM -> new TaskOrder.SeededRandom(seed);
            case UNCERTAINTY -> new TaskOrder.MostUncertain(TaskOrder.Measure.of(measure));
            default -> new TaskOrder.Sequential();
        };
    }
}
