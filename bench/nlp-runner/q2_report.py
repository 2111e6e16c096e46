#!/usr/bin/env python3
"""Q2 report: reads <dir>/<strategy>-<seed>.jsonl (nlp-runner bench-al's rounds), prints each
strategy's learning curve, the figure — the labels an uncertainty strategy needs to reach the test
F1 random reaches at its last round, as a fraction of random's (sentences, and tokens: least
confidence favours long sentences) — and draws the curves into <dir>/q2-learning-curves.png
(an SVG rendered by headless Chromium; nothing is fetched).

  bench/nlp-runner/q2_report.py <dir> [png]
"""
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

# least-confidence-api: bench/platform/q2-through-api.py's run (the platform's own loop and API)
COLOURS = {"random": "#777777", "least-confidence": "#d95f02", "mnlp": "#1b9e77", "least-confidence-api": "#7570b3"}
LEGEND = {"random": "random (median of 3 seeds, range shaded)", "least-confidence": "least confidence (nlp-runner bench-al)",
          "mnlp": "MNLP (nlp-runner bench-al)", "least-confidence-api": "least confidence, through the platform's API"}


def load(folder):
    runs = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.jsonl"))):
        rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.startswith("{")]
        rows = [r for r in rows if r.get("event") == "al-round"]
        if rows:
            runs.setdefault(rows[0]["strategy"], []).append(rows)
    return runs


def curve(runs):
    """Per round: median sentences, tokens and F1 over the strategy's runs (seeds), and F1's spread."""
    rounds = min(len(r) for r in runs)
    points = []
    for i in range(rounds):
        f1s = [r[i]["testF1"] for r in runs]
        points.append({"sentences": statistics.median(r[i]["sentences"] for r in runs),
                       "tokens": statistics.median(r[i]["tokens"] for r in runs),
                       "f1": statistics.median(f1s), "low": min(f1s), "high": max(f1s)})
    return points


def needed(points, target):
    return next((p for p in points if p["f1"] >= target), None)


def svg(curves, width=720, height=440):
    left, right, top, bottom = 60, 20, 20, 50
    xs = [p["sentences"] for c in curves.values() for p in c]
    ys = [p["high"] for c in curves.values() for p in c]
    xmax, ymax = max(xs), max(0.1, max(ys) * 1.05)
    x = lambda v: left + (width - left - right) * v / xmax
    y = lambda v: height - bottom - (height - top - bottom) * v / ymax
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<line x1="{left}" y1="{y(0)}" x2="{width - right}" y2="{y(0)}" stroke="black"/>',
             f'<line x1="{left}" y1="{y(0)}" x2="{left}" y2="{top}" stroke="black"/>']
    for i in range(6):
        v = ymax * i / 5
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4}" text-anchor="end">{v:.2f}</text>')
        parts.append(f'<line x1="{left}" y1="{y(v)}" x2="{width - right}" y2="{y(v)}" stroke="#eee"/>')
    step = 250 if xmax > 1000 else 50
    for v in range(0, int(xmax) + 1, step):
        parts.append(f'<text x="{x(v)}" y="{height - bottom + 16}" text-anchor="middle">{v}</text>')
    parts.append(f'<text x="{(width + left) / 2}" y="{height - 10}" text-anchor="middle">labelled sentences</text>')
    parts.append(f'<text x="14" y="{(height - bottom + top) / 2}" transform="rotate(-90 14 {(height - bottom + top) / 2})" '
                 f'text-anchor="middle">NCBI-disease test entity F1</text>')
    for n, (name, points) in enumerate(curves.items()):
        colour = COLOURS.get(name, "#7570b3")
        if any(p["low"] != p["high"] for p in points):
            band = [(x(p["sentences"]), y(p["high"])) for p in points] + [(x(p["sentences"]), y(p["low"])) for p in reversed(points)]
            parts.append(f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in band)}" fill="{colour}" opacity="0.15"/>')
        path = " ".join(f"{x(p['sentences']):.1f},{y(p['f1']):.1f}" for p in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<text x="{left + 16}" y="{top + 16 + 16 * n}" fill="{colour}">{LEGEND.get(name, name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def png(svg_text, target):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print(f"q2: no chromium to draw {target}; the SVG is beside it", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "curves.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(f"<html><body style='margin:0'>{svg_text}</body></html>")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={os.path.abspath(target)}",
                        "--window-size=720,440", "--hide-scrollbars", f"file://{page}"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return True


def main():
    folder = sys.argv[1]
    plot = sys.argv[2] if len(sys.argv) > 2 else os.path.join(folder, "q2-learning-curves.png")
    runs = load(folder)
    if "random" not in runs:
        sys.exit("q2: no random run in " + folder)
    curves = {name: curve(r) for name, r in sorted(runs.items(), key=lambda kv: kv[0] != "random")}
    commit = open(os.path.join(folder, "commit")).read().strip() if os.path.exists(os.path.join(folder, "commit")) else "unknown"
    print(f"Q2 labels saved (NCBI-disease; commit {commit})")
    for name, points in curves.items():
        seeds = len(runs[name])
        print(f"  {name} ({seeds} run{'s' if seeds > 1 else ''}{', median' if seeds > 1 else ''}): "
              + ", ".join(f"{p['sentences']:.0f}:{p['f1']:.4f}" for p in points))
    last = curves["random"][-1]
    target = last["f1"]
    print(f"  random's F1 at its last round ({last['sentences']:.0f} sentences, {last['tokens']:.0f} tokens): {target:.4f}"
          + (f" (seeds {curves['random'][-1]['low']:.4f}-{curves['random'][-1]['high']:.4f})" if len(runs['random']) > 1 else ""))
    for name, points in curves.items():
        if name == "random":
            continue
        hit = needed(points, target)
        if hit is None:
            print(f"  {name}: does not reach {target:.4f} by {points[-1]['sentences']:.0f} sentences (F1 {points[-1]['f1']:.4f})")
        else:
            print(f"  {name}: reaches it at {hit['sentences']:.0f} sentences = {hit['sentences'] / last['sentences']:.2f} of random's;"
                  f" {hit['tokens']:.0f} tokens = {hit['tokens'] / last['tokens']:.2f} of random's  (goal <= 0.6)")
    drawn = svg(curves)
    with open(os.path.splitext(plot)[0] + ".svg", "w", encoding="utf-8") as f:
        f.write(drawn)
    if png(drawn, plot):
        print(f"  plot: {plot}")


if __name__ == "__main__":
    main()
