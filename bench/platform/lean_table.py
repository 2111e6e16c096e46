"""Prints bench/platform/lean.sh's figures as issue 24's table: median (min-max) of the runs."""
import json
import statistics
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]


def spread(values, unit):
    values = sorted(values)
    if not values:
        return "not measured"
    return "%s %s (%s-%s, %d runs)" % (fmt(statistics.median(values)), unit, fmt(values[0]), fmt(values[-1]), len(values))


def fmt(value):
    return ("%.1f" % value) if isinstance(value, float) else str(value)


def of(figure, field, service=None):
    return [r[field] for r in rows if r["figure"] == figure and (service is None or r.get("service") == service)]


services = sorted({r["service"] for r in rows if r["figure"] == "service"}, key=lambda s: [
    "project-service", "annotation-service", "training-service", "deploy-service", "preannotation-service"].index(s))
print("commit %s" % (rows[0]["commit"] if rows else "?"))
print("| figure | measured | goal |")
print("|---|---|---|")
for name in services:
    print("| %s: JVM start -> ready | %s | < 2 s |" % (name, spread(of("service", "readySeconds", name), "s")))
for name in services:
    print("| %s: RSS after ready, idle | %s | < 200 MB |" % (name, spread(of("service", "idleRssMB", name), "MB")))
p3_minutes = of("p3", "loadMinutes")
print("| annotation-service: RSS after each measured P3 run (%s min of submit load in all) | %s | < 300 MB |"
      % (max(p3_minutes) if p3_minutes else "?", spread(of("p3", "rssMB"), "MB")))
print("| P3 submits/s meanwhile (32 clients) | %s | no worse than on the JVM's defaults (LAB_JVM_DEFAULTS=1) |"
      % spread(of("p3", "submitsPerSecond"), "/s"))
print("| the platform idle after ./lab up (summed RSS) | %s | < 2.5 GB |" % spread(of("platform-idle", "rssMB"), "MB"))
print("| the platform idle after ./lab up (summed PSS) | %s | |" % spread(of("platform-idle", "pssMB"), "MB"))
print("| the platform's peak during ./lab demo (summed RSS) | %s | < 4.5 GB |" % spread(of("demo-peak", "rssMB"), "MB"))
print("| ./lab up, everything built | %s | < 40 s |" % spread([float(s) for s in of("lab-up", "seconds")], "s"))
print("| the first ./lab up of a fresh clone, Maven's cache warm | %s | < 4 min |" % spread([float(s) for s in of("first-up", "seconds")], "s"))
