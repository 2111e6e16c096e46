package org.annotationlab.webui.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 22, figure 3: the task list of a project with 100,000 tasks (bench/web-ui/scene.py tasklist),
 * as its owner olivia, until the page's 50 rows are in the table:
 * <ul>
 * <li>{@code open}: from the projects screen (once its calls are done) to the project's tasks (a hash
 * change, as a link does); the counts line above the table is timed too;</li>
 * <li>{@code with predictions} and {@code awaiting review}: a filter chosen (its change event sent in
 * the page), until every row matches;</li>
 * <li>{@code next page}: the pager's Next;</li>
 * <li>{@code full load}: the task list's URL opened as a new page (HTTP cache kept).</li>
 * </ul>
 * Each: one warm-up, then {@code bench.samples} (10); a run is one browser; {@code bench.runs} (3).
 * Goal: a page renders in under 1 s.
 */
class TaskListBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ROWS = "[...document.querySelectorAll('#tasks tbody tr')]";
    private static final String FULL_PAGE = ROWS + ".length === 50";
    /** When the page of tasks and the counts had arrived (for a full load, from its first document). */
    private static final String WHERE = """
            (() => {
              const end = part => { const e = entries.find(e => e.name.includes(part)); return e ? e.responseEnd : -1; };
              return { listAnswer: end('/tasks?'), countsAnswer: end('/tasks/counts') };
            })()""";

    @Test
    void taskList() {
        Map<String, Object> scene = BenchSettings.scene();
        String project = BenchSettings.project(scene);
        String tasksHash = "#/projects/" + project + "/tasks";
        int runs = BenchSettings.integer("bench.runs", 3);
        int samples = BenchSettings.integer("bench.samples", 10);
        Map<String, List<Double>> medians = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            Map<String, Object> figures = new LinkedHashMap<>();
            System.out.printf(Locale.ROOT, "run %d: median (range) of %d%n", run, samples);
            try (BenchBrowser browser = new BenchBrowser().signIn("olivia")) {
                PageClock clock = new PageClock(browser);
                clock.install();
                figures.put("open", repeat("open", samples, () -> open(browser, clock, tasksHash)));
                String first = browser.taskRows().get(0);
                figures.put("with predictions", repeat("with predictions", samples, () -> filter(browser, clock, "filter-predictions", "any",
                        ".querySelector('td.predictions .prediction')", first)));
                figures.put("awaiting review", repeat("awaiting review", samples, () -> filter(browser, clock, "filter-state", "awaiting-review",
                        ".querySelector('.badge.submitted')", first)));
                figures.put("next page", repeat("next page", samples, () -> nextPage(browser, clock, first)));
                figures.put("full load", repeat("full load", samples, () -> {
                    clock.quiet(TIMEOUT);
                    PageClock.Load load = clock.load(BenchBrowser.URL + "/" + tasksHash, FULL_PAGE, WHERE, false, TIMEOUT);
                    return new Sample(load.total(), load.where());
                }));
            }
            BenchSettings.record("task-list", run, figures);
            figures.forEach((step, f) -> medians.computeIfAbsent(step, s -> new ArrayList<>())
                    .add((Double) ((Map<?, ?>) f).get("median")));
        }
        System.out.printf(Locale.ROOT, "task list, %d runs of %d (goal < 1000 ms); median of the runs' medians (range):%n", runs, samples);
        medians.forEach((step, m) -> System.out.printf(Locale.ROOT, "  %-17s %s%n", step, Stats.medianAndRange(m)));
    }

    /** A sample: the time in ms, and where it went (ms from the start). */
    private record Sample(double ms, Map<String, Double> where) {
    }

    /** From the projects screen to the task list: its 50 rows, and the counts line. */
    private static Sample open(BenchBrowser browser, PageClock clock, String tasksHash) {
        browser.js("location.hash = '#/projects'");
        browser.waitUntil(TIMEOUT, d -> !d.findElements(By.cssSelector("#projects, p.empty")).isEmpty());
        clock.quiet(TIMEOUT);
        clock.watch("rows", FULL_PAGE);
        clock.watch("counts", "document.getElementById('task-counts')");
        double start = ((Number) browser.js("const t = performance.now(); location.hash = arguments[0]; return t;", tasksHash))
                .doubleValue();
        double rows = clock.await("rows", TIMEOUT);
        double counts = clock.await("counts", TIMEOUT);
        Map<String, Double> where = new LinkedHashMap<>();
        where.put("countsShown", PageClock.round(counts - start));
        where.putAll(clock.where(WHERE, start, rows));
        where.put("listRequest", duration(clock, "/tasks?", start));
        return new Sample(PageClock.since(start, rows), where);
    }

    /** A filter chosen until every row matches it; then cleared, back to the first page unfiltered. */
    private static Sample filter(BenchBrowser browser, PageClock clock, String select, String value, String rowMatches,
            String first) {
        clock.quiet(TIMEOUT);
        clock.watch("rows", "(rows => rows.length === 50 && rows.every(r => r" + rowMatches + "))(" + ROWS + ")");
        // Chosen in the page: WebDriver's option click sends its events in an order that once put
        // the first of them after the rows had changed.
        double start = ((Number) browser.js("""
                const select = document.getElementById(arguments[0]), t = performance.now();
                select.value = arguments[1];
                select.dispatchEvent(new Event('change', { bubbles: true }));
                return t;""", select, value)).doubleValue();
        double rows = clock.await("rows", TIMEOUT);
        double request = duration(clock, "/tasks?", start);
        new Select(browser.driver().findElement(By.id(select))).selectByValue("");
        browser.waitUntil(TIMEOUT, d -> browser.taskRows().size() == 50 && browser.taskRows().get(0).equals(first));
        return new Sample(PageClock.since(start, rows), Map.of("listRequest", request));
    }

    /** The pager's Next until the second page is shown; then Previous. */
    private static Sample nextPage(BenchBrowser browser, PageClock clock, String first) {
        clock.quiet(TIMEOUT);
        clock.watch("rows", "(rows => rows.length === 50 && rows[0].dataset.task !== " + PageClock.literal(first) + ")(" + ROWS + ")");
        browser.driver().findElement(By.xpath("//nav[contains(@class,'pager')]/button[text()='Next']")).click();
        double rows = clock.await("rows", TIMEOUT);
        double start = clock.actionAt();
        double request = duration(clock, "/tasks?", start);
        browser.driver().findElement(By.xpath("//nav[contains(@class,'pager')]/button[text()='Previous']")).click();
        browser.waitUntil(TIMEOUT, d -> browser.taskRows().size() == 50 && browser.taskRows().get(0).equals(first));
        return new Sample(PageClock.since(start, rows), Map.of("listRequest", request));
    }

    /** The duration of the first request since {@code from} whose URL contains {@code part}; -1 if none. */
    private static double duration(PageClock clock, String part, double from) {
        return clock.requests(part, from).stream().findFirst()
                .map(r -> PageClock.round(PageClock.num(r, "end") - PageClock.num(r, "start"))).orElse(-1.0);
    }

    /** One warm-up, then the samples: their median and range, and the medians of where the time went. */
    private static Map<String, Object> repeat(String name, int samples, Supplier<Sample> step) {
        Sample warmup = step.get();
        List<Sample> timed = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            timed.add(step.get());
        }
        List<Double> ms = timed.stream().map(Sample::ms).toList();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("warmup", warmup.ms());
        figures.put("samples", ms);
        figures.put("median", PageClock.round(Stats.median(ms)));
        figures.put("min", Stats.min(ms));
        figures.put("max", Stats.max(ms));
        Map<String, Object> where = new LinkedHashMap<>();
        for (String key : warmup.where().keySet()) {
            where.put(key, PageClock.round(Stats.median(timed.stream().map(s -> s.where().get(key)).toList())));
        }
        figures.put("whereMedian", where);
        System.out.printf(Locale.ROOT, "  %-17s %s; warm-up %.0f ms; where (medians, ms): %s%n", name, Stats.medianAndRange(ms),
                warmup.ms(), where);
        return figures;
    }
}
