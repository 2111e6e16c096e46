package org.annotationlab.webui.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Issue 22, figure 1: the annotation page, from navigation until Label Studio's editor shows the
 * task — its text in {@code .lsf-richtext__container} and the prediction's regions drawn as
 * {@code .htx-highlight} (the annotator's annotation starts from the task's prediction). Three ways
 * in, each over distinct tasks of the scene (bench/web-ui/scene.py annotate), signed in once as anna:
 * <ul>
 * <li>{@code task list}: a click on the task in the task list (no page load; the editor's script is
 * loaded by the first, the warm-up);</li>
 * <li>{@code full load}: the task's URL opened as a new page, HTTP cache kept (a link opened again);</li>
 * <li>{@code cold load}: the same with the HTTP cache emptied first (the first visit).</li>
 * </ul>
 * Each way: one warm-up, reported apart, then {@code bench.samples} (10) timed navigations; a run
 * is one browser; {@code bench.runs} (3) runs. Goal: under 1.5 s.
 */
class AnnotationPageBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void annotationPage() {
        Map<String, Object> scene = BenchSettings.scene();
        String project = BenchSettings.project(scene);
        List<Map<String, String>> tasks = BenchSettings.tasks(scene);
        int spans = ((Number) scene.get("spans")).intValue();
        int runs = BenchSettings.integer("bench.runs", 3);
        int samples = BenchSettings.integer("bench.samples", 10);
        int perWay = samples + 1;
        if (tasks.size() < 50 + 2 * runs * perWay || runs * perWay > 50) {
            throw new IllegalStateException("the scene has " + tasks.size() + " tasks; " + runs + " runs of " + samples
                    + " need the task list's first page (50) plus " + 2 * runs * perWay);
        }
        Map<String, List<Double>> medians = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            int from = (run - 1) * perWay;
            Map<String, Object> figures = new LinkedHashMap<>();
            System.out.printf(Locale.ROOT, "run %d: median (range) of %d navigations%n", run, samples);
            try (BenchBrowser browser = new BenchBrowser().signIn("anna")) {
                PageClock clock = new PageClock(browser);
                clock.install();
                // The task list shows the first 50 tasks; the full loads take tasks after them.
                figures.put("task list", way("task list", fromTaskList(browser, clock, project, tasks.subList(from, from + perWay), spans)));
                int later = 50 + 2 * (run - 1) * perWay;
                figures.put("full load", way("full load", fullLoads(browser, clock, project, tasks.subList(later, later + perWay), spans, false)));
                figures.put("cold load", way("cold load", fullLoads(browser, clock, project, tasks.subList(later + perWay, later + 2 * perWay), spans, true)));
            }
            BenchSettings.record("annotation-page", run, figures);
            figures.forEach((way, f) -> medians.computeIfAbsent(way, w -> new ArrayList<>())
                    .add((Double) ((Map<?, ?>) f).get("median")));
        }
        System.out.printf(Locale.ROOT, "annotation page, %d runs of %d navigations (goal < 1500 ms); median of the runs' medians (range):%n",
                runs, samples);
        medians.forEach((way, m) -> System.out.printf(Locale.ROOT, "  %-10s %s%n", way, Stats.medianAndRange(m)));
    }

    /** A sample: the time in ms, and where it went (ms from the start). */
    private record Sample(double ms, Map<String, Double> where) {
    }

    /** The task list on screen, then a click on the task's link, until the editor shows it. */
    private static List<Sample> fromTaskList(BenchBrowser browser, PageClock clock, String project,
            List<Map<String, String>> tasks, int spans) {
        List<Sample> samples = new ArrayList<>();
        for (Map<String, String> task : tasks) {
            browser.js("location.hash = arguments[0]", "#/projects/" + project + "/tasks");
            browser.waitUntil(TIMEOUT, d -> browser.taskRows().contains(task.get("id")));
            clock.quiet(TIMEOUT);
            clock.watch("ready", drawn(task.get("text"), spans));
            browser.driver().findElement(By.cssSelector("#tasks tr[data-task='" + task.get("id") + "'] th a")).click();
            double ready = clock.await("ready", TIMEOUT);
            double start = clock.actionAt();
            samples.add(new Sample(PageClock.since(start, ready), clock.where(where(task.get("id")), start, ready)));
        }
        return samples;
    }

    /** The task's URL opened as a new page (through keycloak-js's redirect), until the editor shows it. */
    private static List<Sample> fullLoads(BenchBrowser browser, PageClock clock, String project,
            List<Map<String, String>> tasks, int spans, boolean cold) {
        List<Sample> samples = new ArrayList<>();
        for (Map<String, String> task : tasks) {
            clock.quiet(TIMEOUT);
            PageClock.Load load = clock.load(BenchBrowser.URL + "/#/projects/" + project + "/tasks/" + task.get("id"),
                    drawn(task.get("text"), spans), where(task.get("id")), cold, TIMEOUT);
            samples.add(new Sample(load.total(), load.where()));
        }
        return samples;
    }

    /**
     * Where the time went: the task's data (the last answer about it: the task, its completions,
     * its predictions), the editor's script (Label Studio's bundle: asked for, arrived, bytes
     * transferred, 0 from the cache).
     */
    static String where(String taskId) {
        return """
                (() => {
                  const task = entries.filter(e => e.name.includes('/tasks/' + %s)).map(e => e.responseEnd);
                  const editor = entries.find(e => e.name.includes('/vendor/label-studio/main.js'));
                  return { taskData: task.length ? Math.max(...task) : -1,
                           editorScriptAsked: editor ? editor.startTime : -1, editorScript: editor ? editor.responseEnd : -1,
                           editorScriptBytes: editor ? editor.transferSize : -1 };
                })()""".formatted(PageClock.literal(taskId));
    }

    /** The editor shows this task's text with (at least) this many regions drawn. */
    static String drawn(String text, int spans) {
        return "(c => !!c && c.textContent.includes(" + PageClock.literal(text) + ") && c.querySelectorAll('.htx-highlight').length >= "
                + spans + ")(document.querySelector('.lsf-richtext__container'))";
    }

    /** The warm-up, the timed samples, their median and range, and the medians of where the time went. */
    private static Map<String, Object> way(String name, List<Sample> all) {
        List<Double> ms = all.subList(1, all.size()).stream().map(Sample::ms).toList();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("warmup", all.get(0).ms());
        figures.put("warmupWhere", all.get(0).where());
        figures.put("samples", ms);
        figures.put("median", PageClock.round(Stats.median(ms)));
        figures.put("min", Stats.min(ms));
        figures.put("max", Stats.max(ms));
        Map<String, Object> where = new LinkedHashMap<>();
        for (String key : all.get(0).where().keySet()) {
            where.put(key, PageClock.round(Stats.median(all.subList(1, all.size()).stream().map(s -> s.where().get(key)).toList())));
        }
        figures.put("whereMedian", where);
        System.out.printf(Locale.ROOT, "  %-10s %s; warm-up %.0f ms; where (medians, ms from the start): %s%n", name,
                Stats.medianAndRange(ms), all.get(0).ms(), where);
        return figures;
    }
}
