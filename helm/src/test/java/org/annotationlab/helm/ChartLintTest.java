package org.annotationlab.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.marcnuri.helm.LintResult;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code helm lint} finds neither errors nor warnings, with external or bundled infrastructure. */
class ChartLintTest {

    @Test
    void lintsCleanWithDefaultValues() {
        assertClean(Chart.lint());
    }

    @Test
    void lintsCleanWithBundledInfrastructureValues() {
        assertClean(Chart.lintWith(Chart.BUNDLED_VALUES));
    }

    private static void assertClean(LintResult result) {
        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
        List<String> problems = result.getMessages().stream()
                .filter(message -> message.contains("[ERROR]") || message.contains("[WARNING]"))
                .collect(Collectors.toList());
        assertEquals(List.of(), problems);
    }
}
