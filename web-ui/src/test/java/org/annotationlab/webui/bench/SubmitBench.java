package org.annotationlab.webui.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 22, figure 2: Submit in the editor until the completion is stored, through the gateway. As
 * anna works through her queue (bench/web-ui/scene.py annotate: every task assigned to her, each
 * with a 2-span prediction her annotation starts from): the task opened, Submit clicked, then
 * "Next task" after it; every submit is on a new task. The figure is the request's time as the
 * browser sees it: the PerformanceResourceTiming of the POST …/tasks/{id}/completions (from its
 * start to the answer's last byte). Also: click until the screen says "Submitted" (the token
 * check, the request and the render), and the server's part (request sent → first byte).
 * {@code bench.warmup} (10) submits first, not counted, then {@code bench.samples} (200); a run is
 * one browser; {@code bench.runs} (3). Goal: p50 < 50 ms, p99 < 200 ms.
 */
class SubmitBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The Annotate screen of a task not submitted yet, its regions drawn, nothing saved on it yet. */
    private static final String READY = """
            const b = document.getElementById('save-submit');
            return !!b && b.textContent === 'Submit' && !b.disabled && !document.getElementById('save-status')
              && !document.getElementById('save-problem')
              && document.querySelectorAll('.lsf-richtext__container .htx-highlight').length >= arguments[0];
            """;

    @Test
    void submit() {
        Map<String, Object> scene = BenchSettings.scene();
        String project = BenchSettings.project(scene);
        int spans = ((Number) scene.get("spans")).intValue();
        int runs = BenchSettings.integer("bench.runs", 3);
        int warmup = BenchSettings.integer("bench.warmup", 10);
        int samples = BenchSettings.integer("bench.samples", 200);
        List<Double> p50s = new ArrayList<>(), p99s = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            List<Double> request = new ArrayList<>(), shown = new ArrayList<>(), server = new ArrayList<>();
            try (BenchBrowser browser = new BenchBrowser().signIn("anna")) {
                PageClock clock = new PageClock(browser);
                clock.install();
                openFirstOfQueue(browser, project);
                for (int i = 0; i < warmup + samples; i++) {
                    browser.waitUntil(TIMEOUT, d -> (Boolean) browser.js(READY, spans));
                    clock.quiet(TIMEOUT);
                    String hash = browser.hash();
                    String task = hash.substring(hash.lastIndexOf('/') + 1);
                    clock.watch("saved", "document.getElementById('save-status')");
                    browser.driver().findElement(By.id("save-submit")).click();
                    double saved = clock.await("saved", TIMEOUT);
                    double click = clock.actionAt();
                    String status = browser.driver().findElement(By.id("save-status")).getText();
                    if (!status.startsWith("Submitted")) {
                        throw new AssertionError("task " + task + ": " + status);
                    }
                    Map<String, Object> post = clock.requests("/tasks/" + task + "/completions", click).get(0);
                    if (i >= warmup) {
                        request.add(PageClock.round(PageClock.num(post, "end") - PageClock.num(post, "start")));
                        server.add(PageClock.round(PageClock.num(post, "ttfb") - PageClock.num(post, "request")));
                        shown.add(PageClock.since(click, saved));
                    }
                    browser.waitFor(By.id("go-next")).click();
                    browser.waitUntil(TIMEOUT, d -> !browser.hash().equals(hash));
                }
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("submits", samples);
            figures.put("request", percentiles(request));
            figures.put("clickToSubmitted", percentiles(shown));
            figures.put("serverFirstByte", percentiles(server));
            figures.put("requestSamples", request);
            BenchSettings.record("submit", run, figures);
            p50s.add(Stats.median(request));
            p99s.add(Stats.percentile(request, 99));
            System.out.printf(Locale.ROOT, "run %d: request %s; click → \"Submitted\" %s; server (request sent → first byte) %s%n",
                    run, percentiles(request), percentiles(shown), percentiles(server));
        }
        System.out.printf(Locale.ROOT, "submit → stored, %d runs of %d submits (goal p50 < 50 ms, p99 < 200 ms): p50 %s, p99 %s%n",
                runs, samples, Stats.medianAndRange(p50s), Stats.medianAndRange(p99s));
    }

    /** The task list, filtered to the tasks not annotated yet; the first one opened. */
    private static void openFirstOfQueue(BenchBrowser browser, String project) {
        browser.driver().get(BenchBrowser.URL + "/#/projects/" + project + "/tasks");
        browser.waitFor(By.cssSelector("#tasks tbody tr"));
        new Select(browser.waitFor(By.id("filter-state"))).selectByValue("none");
        browser.waitUntil(TIMEOUT, d -> (Boolean) browser.js("const rows = [...document.querySelectorAll('#tasks tbody tr')];"
                + " return rows.length > 0 && rows.every(r => r.querySelector('.badge.none'));"));
        String first = browser.taskRows().get(0);
        browser.driver().findElement(By.cssSelector("#tasks tr[data-task='" + first + "'] th a")).click();
    }

    private static Map<String, Object> percentiles(List<Double> ms) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("p50", PageClock.round(Stats.median(ms)));
        p.put("p95", Stats.percentile(ms, 95));
        p.put("p99", Stats.percentile(ms, 99));
        p.put("max", Stats.max(ms));
        return p;
    }
}
