package org.annotationlab.deploy.gate;

import java.util.Locale;
import org.annotationlab.training.contract.Metrics;

/**
 * The quality gate's rule (DESIGN.md §6), a pure function: may a training run's model replace the
 * model of the project that is deployed now? Only if its test F1 is at least the deployed model's
 * F1 on the same test set, less the project's tolerance. The deployed model's figure on that set
 * comes from the run itself (nlp-runner scored it as the run's baseline) or, when the run was
 * given another baseline or none, from the deployed model's own run when that was tested on the
 * same set (same SHA-256). Without such a figure the models cannot be compared, and the new one is
 * not deployed: a regression is never let through for want of a number.
 */
public final class QualityGate {

    public enum Outcome {
        /** At least as good on the same test set (within the tolerance): deployed. */
        PASSED,
        /** Worse, or not comparable: registered, not deployed; a Manager may deploy it anyway. */
        REFUSED,
        /** Nothing to compare with (no test set, or no model of the project deployed): deployed. */
        NOT_GATED
    }

    /**
     * The decision.
     *
     * @param f1            the new model's test micro F1; null without a test set
     * @param baselineModel the deployed model compared with; null when none was deployed
     * @param baselineF1    its micro F1 on the same test set; null when not compared
     * @param testTasks     the test set's size (0: none)
     * @param testSha256    the test set's hash; null without one
     */
    public record Decision(Outcome outcome, Double f1, String baselineModel, Double baselineF1, double tolerance,
            int testTasks, String testSha256, String message) {
    }

    /** The project's trained model that is deployed now, with the metrics its own run reported. */
    public record Deployed(String name, Metrics metrics) {
    }

    private QualityGate() {
    }

    /**
     * @param model     the new model's name
     * @param metrics   its run's metrics (test scores, and the baseline it was given)
     * @param deployed  the project's trained model deployed now; null when none is
     * @param tolerance how much lower the new F1 may be (0 to 1)
     */
    public static Decision decide(String model, Metrics metrics, Deployed deployed, double tolerance) {
        Metrics.TestScores test = metrics == null ? null : metrics.test();
        if (deployed == null) {
            return new Decision(Outcome.NOT_GATED, test == null ? null : test.micro().f1(), null, null, tolerance,
                    test == null ? 0 : test.tasks(), test == null ? null : test.sha256(),
                    "No model of the project is deployed: " + model + " has nothing to be compared with");
        }
        if (test == null) {
            return new Decision(Outcome.NOT_GATED, null, deployed.name(), null, tolerance, 0, null,
                    "The project has no test set, so " + model + " was not compared with " + deployed.name()
                            + "; tag tasks for the test set to gate deployments");
        }
        Double baseline = baselineF1(metrics, deployed);
        if (baseline == null) {
            return new Decision(Outcome.REFUSED, test.micro().f1(), deployed.name(), null, tolerance, test.tasks(),
                    test.sha256(), deployed.name() + ", deployed now, was not scored on the test set " + model
                            + " was tested on (it was deployed while the run trained, or the test set changed since "
                            + "its run): not compared, so not deployed; a Manager may deploy it anyway");
        }
        double f1 = test.micro().f1();
        boolean passes = f1 >= baseline - tolerance - 1e-12;
        String tolerated = tolerance <= 0 ? "" : String.format(Locale.ROOT, passes && f1 < baseline
                ? ", within the tolerance %.4f" : " (tolerance %.4f)", tolerance);
        String message = String.format(Locale.ROOT, "%s test F1 %.4f %s %.4f of %s (deployed) on the same %d test tasks%s",
                model, f1, f1 >= baseline ? "≥" : "<", baseline, deployed.name(), test.tasks(), tolerated)
                + (passes ? "" : ": not deployed; a Manager may deploy it anyway");
        return new Decision(passes ? Outcome.PASSED : Outcome.REFUSED, f1, deployed.name(), baseline, tolerance,
                test.tasks(), test.sha256(), message);
    }

    /** The deployed model's F1 on the run's test set, if someone scored it there. */
    private static Double baselineF1(Metrics metrics, Deployed deployed) {
        String sha = metrics.test().sha256();
        Metrics.Baseline given = metrics.baseline();
        if (given != null && given.model().equals(deployed.name()) && given.test() != null
                && sha.equals(given.test().sha256())) {
            return given.test().micro().f1();
        }
        Metrics.TestScores own = deployed.metrics() == null ? null : deployed.metrics().test();
        if (own != null && sha.equals(own.sha256())) {
            return own.micro().f1();
        }
        return null;
    }
}
