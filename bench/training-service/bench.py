#!/usr/bin/env python3
"""training-service benchmarks on the platform `./lab up` runs (real Keycloak tokens, real
PostgreSQL/Kafka, local launcher).

  p1 [sentences=1000] [runs=3] [epochs=5]
      Train Now -> run SUCCEEDED (the model registered: TrainingSucceeded published) for a project
      whose tasks are the first <sentences> sentences of ncbi-disease train.tsv (gold completions
      from the CoNLL import), versus `nlp-runner train` run directly on the very training set and
      params.json the service staged. Runs alternate service/direct; prints each pair and the
      median ratio service/direct (goal <= 1.15).
  p5 [runs=5]
      Active learning on (every N=10): the 10th completion is submitted through annotation-service;
      latency until training-service has queued the run (the launch request), measured by polling
      its status every 20 ms, and from the server's own createdAt. Goal < 2 s.
"""
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATASET = os.path.join(ROOT, "..", "shared", "datasets", "ncbi-disease", "train.tsv")
PROJECT, ANNOTATION, TRAINING = "http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083"
CONFIG = '<View><Labels name="label" toName="text"><Label value="Disease"/></Labels><Text name="text" value="$text"/></View>'


def token(user="olivia"):
    return subprocess.run([os.path.join(ROOT, "lab"), "token", user], check=True, capture_output=True,
                          text=True).stdout.strip().splitlines()[-1]


def call(method, url, body=None, content_type="application/json", tok=None):
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": "Bearer " + tok, "Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            text = response.read().decode()
            return json.loads(text) if text.startswith(("{", "[")) else text
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {url} -> {e.code}: {e.read().decode()[:500]}")


def sentences(n):
    blocks, current = [], []
    with open(DATASET, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                current.append(line.rstrip("\n"))
            elif current:
                blocks.append(current)
                current = []
                if len(blocks) == n:
                    break
    return blocks


def gold(block):
    text, spans, open_span = "", [], None
    for line in block:
        tok, tag = line.split("\t")[0], line.split("\t")[-1]
        if text:
            text += " "
        start = len(text)
        text += tok
        if tag.startswith("B-") or (tag.startswith("I-") and open_span is None):
            if open_span:
                spans.append(open_span)
            open_span = {"start": start, "end": len(text), "label": "Disease"}
        elif tag.startswith("I-"):
            open_span["end"] = len(text)
        else:
            if open_span:
                spans.append(open_span)
            open_span = None
    if open_span:
        spans.append(open_span)
    return text, spans


def project(tok, name, epochs=1, active_learning=None):
    p = call("POST", f"{PROJECT}/projects", {"name": name}, tok=tok)
    pid = p["id"]
    call("PUT", f"{PROJECT}/projects/{pid}/labeling-config", CONFIG, "application/xml", tok=tok)
    call("PUT", f"{PROJECT}/projects/{pid}/training-parameters", {"validationSplit": 0.1, "epochs": epochs,
         "learningRate": 0.003, "decay": 0.005, "dropout": 0.5, "batchSize": 16}, tok=tok)
    if active_learning:
        call("PUT", f"{PROJECT}/projects/{pid}/active-learning", {"enabled": True, "everyNCompletions": active_learning,
             "deployAfterTraining": False}, tok=tok)
    wait(lambda: _status(tok, pid) is not None and _status(tok, pid)["activeLearning"]["enabled"] == bool(active_learning)
         and _ok(f"{ANNOTATION}/projects/{pid}/tasks", tok), 60, "services to learn the project")
    return pid


def _ok(url, tok):
    try:
        call("GET", url, tok=tok)
        return True
    except SystemExit:
        return False


def _status(tok, pid):
    try:
        return call("GET", f"{TRAINING}/projects/{pid}/trainings/status", tok=tok)
    except SystemExit:
        return None


def wait(condition, seconds, what, interval=0.2):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise SystemExit(f"timed out waiting for {what}")


def ts(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def p1(n=1000, runs=3, epochs=5):
    tok = token()
    conll = "\n\n".join("\n".join(b) for b in sentences(n)) + "\n"
    pairs = []
    for i in range(runs):
        tok = token()
        pid = project(tok, f"p1-{int(time.time())}-{i}", epochs=epochs)
        call("POST", f"{ANNOTATION}/projects/{pid}/tasks/import?format=conll", conll, "text/plain", tok=tok)
        wait(lambda: _status(tok, pid)["selectedCount"] == n, 120, "the selected count")
        start = time.time()
        run = call("POST", f"{TRAINING}/projects/{pid}/trainings", {}, tok=tok)
        while True:
            time.sleep(0.25)
            state = call("GET", f"{TRAINING}/trainings/{run['id']}", tok=token() if time.time() - start > 3000 else tok)
            if state["state"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
                break
        service = time.time() - start
        if state["state"] != "SUCCEEDED":
            raise SystemExit(f"run ended {state['state']}: {state.get('message')}")
        server = ts(state["finishedAt"]) - ts(state["createdAt"])
        run_dir = os.path.join(ROOT, ".lab", "models", "projects", pid, "runs", run["id"])
        out = f"/tmp/p1-direct-{i}"
        subprocess.run(["rm", "-rf", out], check=True)
        env = dict(os.environ, JAVA_OPTS="-Xmx4g")
        began = time.time()
        subprocess.run([os.path.join(ROOT, "nlp-runner", "nlp-runner"), "train", "--training-set",
                        os.path.join(run_dir, "training-set.conll"), "--params", os.path.join(run_dir, "params.json"),
                        "--output", out], check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        direct = time.time() - began
        pair = {"run": i + 1, "sentences": n, "epochs": epochs, "serviceSeconds": round(service, 1),
                "serverSeconds": round(server, 1), "directSeconds": round(direct, 1), "ratio": round(service / direct, 3),
                "model": state["model"]["name"], "f1": state["metrics"]["micro"]["f1"]}
        print(json.dumps(pair), flush=True)
        pairs.append(pair)
    print(json.dumps({"medianServiceSeconds": statistics.median(p["serviceSeconds"] for p in pairs),
                      "medianDirectSeconds": statistics.median(p["directSeconds"] for p in pairs),
                      "medianRatio": statistics.median(p["ratio"] for p in pairs)}))


def p5(runs=5):
    n = 10
    blocks = [gold(b) for b in sentences(n)]
    results = []
    for i in range(runs):
        tok = token()
        pid = project(tok, f"p5-{int(time.time())}-{i}", active_learning=n)
        call("POST", f"{ANNOTATION}/projects/{pid}/tasks/import?format=json", [{"text": t} for t, _ in blocks], tok=tok)
        tasks = {t["text"]: t["id"] for t in call("GET", f"{ANNOTATION}/projects/{pid}/tasks?size=100", tok=tok)["tasks"]}
        for text, spans in blocks[:-1]:
            call("POST", f"{ANNOTATION}/projects/{pid}/tasks/{tasks[text]}/completions", {"spans": spans, "submit": True}, tok=tok)
        wait(lambda: _status(tok, pid)["selectedCount"] == n - 1, 60, "the selected count")
        time.sleep(1.5)
        text, spans = blocks[-1]
        start = time.time()
        call("POST", f"{ANNOTATION}/projects/{pid}/tasks/{tasks[text]}/completions", {"spans": spans, "submit": True}, tok=tok)
        submitted = time.time()
        while True:
            status = _status(tok, pid)
            if status["activeRun"] or status["lastRun"]:
                break
            time.sleep(0.02)
        seen = time.time()
        run = status["activeRun"] or status["lastRun"]
        result = {"run": i + 1, "submitSeconds": round(submitted - start, 3), "seenSeconds": round(seen - start, 3),
                  "serverQueuedSeconds": round(ts(run["createdAt"]) - start, 3), "trigger": run["trigger"]}
        print(json.dumps(result), flush=True)
        results.append(result)
    print(json.dumps({"medianSeenSeconds": statistics.median(r["seenSeconds"] for r in results),
                      "maxSeenSeconds": max(r["seenSeconds"] for r in results),
                      "medianServerQueuedSeconds": statistics.median(r["serverQueuedSeconds"] for r in results)}))


if __name__ == "__main__":
    command, args = sys.argv[1], [int(a) for a in sys.argv[2:]]
    {"p1": p1, "p5": p5}[command](*args)
