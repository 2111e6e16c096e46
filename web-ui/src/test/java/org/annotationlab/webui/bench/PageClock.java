package org.annotationlab.webui.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openqa.selenium.json.Json;

/**
 * Times taken inside the page, with the page's own clock ({@code performance.now()}), so WebDriver's
 * round trips and polling add nothing to a figure. A MutationObserver checks the conditions being
 * watched after every change of the DOM and marks the moment one first holds; the start is the
 * {@code timeStamp} of the first input event after the watch began (the click or the choice that
 * began the step, sent by WebDriver as input events), or for a full page load the time origin of
 * the navigation's first document (before the redirect through Keycloak), kept in sessionStorage
 * across the documents. A step
 * starts when the screen is quiet ({@link #quiet}): no API call in flight for 100 ms, as when a
 * person has looked at it before acting; the calls a screen left running would otherwise queue
 * before the step's own (the browser opens 6 connections to the gateway).
 */
final class PageClock {

    /**
     * The clock of one document: {@code __bench.input} (the first input event since the last watch
     * began), the marks and the watches, and the count of fetch calls in flight.
     */
    private static final String INSTALL = """
            (() => {
              if (window.__bench) return;
              const b = window.__bench = { input: null, armed: false, marks: {}, watches: [], inflight: 0, changed: performance.now() };
              // Calls in flight (the API module's fetch), so a step starts when the screen is quiet.
              const fetch = window.fetch;
              const count = n => { b.inflight += n; b.changed = performance.now(); };
              window.fetch = function (...args) { count(1); return fetch.apply(this, args).finally(() => count(-1)); };
              // The first click or change after a watch began: the person's action (a select sends several events).
              const input = e => { if (b.armed) { b.input = e.timeStamp; b.armed = false; } };
              for (const type of ['click', 'input', 'change']) document.addEventListener(type, input, true);
              const check = () => {
                if (!b.watches.length) return;
                const now = performance.now();
                b.watches = b.watches.filter(w => {
                  let holds = false;
                  try { holds = !!w.test(); } catch (e) { /* not yet */ }
                  if (holds) b.marks[w.name] = now;
                  return !holds;
                });
              };
              b.watch = (name, test) => { delete b.marks[name]; b.input = null; b.armed = true; b.watches.push({ name, test }); check(); };
              new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
            })();
            """;

    private static final Json JSON = new Json();

    private final BenchBrowser browser;

    PageClock(BenchBrowser browser) {
        this.browser = browser;
    }

    /** Installs the clock in the current document (once): call it right after the document opens. */
    void install() {
        browser.js(INSTALL);
    }

    /** Waits until no API call has been in flight for 100 ms (calls made before {@link #install} are not seen). */
    void quiet(Duration timeout) {
        browser.waitUntil(timeout, d -> (Boolean) browser.js(INSTALL
                + "const b = window.__bench; return b.inflight === 0 && performance.now() - b.changed > 100;"));
    }

    /**
     * Watches for {@code condition} (a JavaScript expression over the DOM) in the current document,
     * as the mark {@code name}; forgets the resource timings so far (their buffer holds 250).
     */
    void watch(String name, String condition) {
        browser.js(INSTALL + "performance.clearResourceTimings(); window.__bench.watch(arguments[0], () => (" + condition + "));", name);
    }

    /** The mark's time (ms from the document's time origin), once the condition held. */
    double await(String name, Duration timeout) {
        return ((Number) browser.waitUntil(timeout, d -> browser.js(
                "return window.__bench ? window.__bench.marks[arguments[0]] ?? null : null", name))).doubleValue();
    }

    /** When the first click, input or change event since the last watch began happened (ms from the time origin). */
    double actionAt() {
        return ((Number) browser.js("return window.__bench.input")).doubleValue();
    }

    /** The time from {@code start} to {@code end}; a condition that held before its action is a broken step, not a sample. */
    static double since(double start, double end) {
        if (end < start) {
            throw new IllegalStateException("the condition held " + (start - end) + " ms before the action");
        }
        return round(end - start);
    }

    /**
     * The requests since {@code from} whose URL contains {@code part}, in order: start, request
     * sent, response start (ttfb) and end (ms from the time origin), bytes transferred (0: from the cache).
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> requests(String part, double from) {
        return (List<Map<String, Object>>) browser.js("""
                return performance.getEntriesByType('resource')
                  .filter(e => e.name.includes(arguments[0]) && e.startTime >= arguments[1])
                  .map(e => ({ name: e.name, start: e.startTime, request: e.requestStart, ttfb: e.responseStart, end: e.responseEnd,
                                bytes: e.transferSize }));
                """, part, from);
    }

    /**
     * Where the time went: {@code where} is a JavaScript expression over {@code entries} (the
     * document's resource timings) and {@code ready} (the mark) that gives an object of times in ms
     * from the time origin (-1: did not happen; keys ending in {@code Bytes}: sizes, kept as they
     * are); the times are returned from {@code from} on.
     */
    @SuppressWarnings("unchecked")
    Map<String, Double> where(String where, double from, double ready) {
        Map<String, Object> at = (Map<String, Object>) browser.js("""
                const entries = performance.getEntriesByType('resource'), ready = arguments[0], from = arguments[1];
                const at = (%s);
                return Object.fromEntries(Object.entries(at).map(([k, v]) => [k, v < 0 || k.endsWith('Bytes') ? v : v - from]));
                """.formatted(where), ready, from);
        Map<String, Double> out = new LinkedHashMap<>();
        at.forEach((k, v) -> out.put(k, round(((Number) v).doubleValue())));
        return out;
    }

    /** A full page load: from its first document until the condition held, and where the time went. */
    record Load(double total, Map<String, Double> where) {
    }

    /**
     * Opens {@code url} as a new document from about:blank (the HTTP cache emptied first when
     * {@code cold}) and waits for {@code condition}. Where the time went ({@link #where}, from the
     * first document) starts with {@code documents} (how many the navigation made: keycloak-js's
     * redirect through Keycloak makes 2) and {@code appDocument} (when the last one began).
     */
    @SuppressWarnings("unchecked")
    Load load(String url, String condition, String where, boolean cold, Duration timeout) {
        String key = "bench-load-" + UUID.randomUUID();
        String source = """
                (() => {
                  if (window.top !== window || location.protocol === 'about:') return;
                  const key = %s;
                  const docs = JSON.parse(sessionStorage.getItem(key) || '[]');
                  docs.push(performance.timeOrigin);
                  sessionStorage.setItem(key, JSON.stringify(docs));
                  %s
                  window.__bench.docs = docs;
                  window.__bench.watch('loaded', () => (%s));
                })();
                """.formatted(JSON.toJson(key), INSTALL, condition);
        browser.driver().get("about:blank");
        if (cold) {
            browser.cdp("Network.enable", Map.of());
            browser.cdp("Network.clearBrowserCache", Map.of());
        }
        Object script = browser.cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source)).get("identifier");
        try {
            browser.driver().get(url);
            double ready = await("loaded", timeout);
            List<Number> docs = (List<Number>) browser.js("return window.__bench.docs");
            double shift = ((Number) browser.js("return performance.timeOrigin")).doubleValue() - docs.get(0).doubleValue();
            Map<String, Double> at = new LinkedHashMap<>();
            at.put("documents", (double) docs.size());
            at.put("appDocument", round(shift));
            at.putAll(where(where, -shift, ready));
            return new Load(round(shift + ready), at);
        } finally {
            browser.cdp("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script));
        }
    }

    /** To 0.1 ms. */
    static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }

    static double num(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    /** A JavaScript string literal. */
    static String literal(String text) {
        return JSON.toJson(text);
    }
}
