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

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import labclient as lab  # noqa: E402

TRAIN_TSV = os.path.join(lab.DATASETS, "ncbi-disease", "train.tsv")


def project(s, name, epochs=1, active_learning=None):
    pid = s.call("POST", f"{lab.PROJECT}/projects", {"name": name})["id"]
    s.call("PUT", f"{lab.PROJECT}/projects/{pid}/labeling-config", lab.CONFIG, "application/xml")
    s.call("PUT", f"{lab.PROJECT}/projects/{pid}/training-parameters", {"validationSplit": 0.1, "epochs": epochs,
           "learningRate": 0.003, "decay": 0.005, "dropout": 0.5, "batchSize": 16})
    if active_learning:
        s.call("PUT", f"{lab.PROJECT}/projects/{pid}/active-learning", {"enabled": True, "everyNCompletions": active_learning,
               "deployAfterTraining": False})
    lab.wait(lambda: lab.ok(s, f"{lab.ANNOTATION}/projects/{pid}/tasks") and lab.ok(s, f"{lab.TRAINING}/projects/{pid}/trainings/status")
             and status(s, pid)["activeLearning"]["enabled"] == bool(active_learning), 60, "the services to learn the project")
    return pid


def status(s, pid):
    return s.call("GET", f"{lab.TRAINING}/projects/{pid}/trainings/status")


def p1(n=1000, runs=3, epochs=5):
    s = lab.Session("olivia")
    conll = "\n\n".join("\n".join(b) for b in lab.conll_blocks(TRAIN_TSV, n)) + "\n"
    pairs = []
    for i in range(runs):
        pid = project(s, f"p1-{int(time.time())}-{i}", epochs=epochs)
        s.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=conll", conll, "text/plain")
        lab.wait(lambda: status(s, pid)["selectedCount"] == n, 120, "the selected count")
        start = time.time()
        run = s.call("POST", f"{lab.TRAINING}/projects/{pid}/trainings", {})
        state = lab.wait(lambda: lab.ended(s, f"{lab.TRAINING}/trainings/{run['id']}", ("SUCCEEDED", "FAILED", "CANCELLED")),
                         7200, "the training", interval=0.25)
        service = time.time() - start
        if state["state"] != "SUCCEEDED":
            raise SystemExit(f"run ended {state['state']}: {state.get('message')}")
        server = lab.ts(state["finishedAt"]) - lab.ts(state["createdAt"])
        run_dir = os.path.join(lab.ROOT, ".lab", "models", "projects", pid, "runs", run["id"])
        out = f"/tmp/p1-direct-{i}"
        subprocess.run(["rm", "-rf", out], check=True)
        env = dict(os.environ, JAVA_OPTS="-Xmx4g")
        began = time.time()
        subprocess.run([os.path.join(lab.ROOT, "nlp-runner", "nlp-runner"), "train", "--training-set",
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
    blocks = [lab.gold(b) for b in lab.conll_blocks(TRAIN_TSV, n)]
    results = []
    s = lab.Session("olivia")
    for i in range(runs):
        pid = project(s, f"p5-{int(time.time())}-{i}", active_learning=n)
        s.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=json", [{"text": t} for t, _ in blocks])
        tasks = {t["text"]: t["id"] for t in lab.tasks(s, pid)}
        for text, spans in blocks[:-1]:
            s.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/{tasks[text]}/completions", {"spans": spans, "submit": True})
        lab.wait(lambda: status(s, pid)["selectedCount"] == n - 1, 60, "the selected count")
        time.sleep(1.5)
        text, spans = blocks[-1]
        start = time.time()
        s.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/{tasks[text]}/completions", {"spans": spans, "submit": True})
        submitted = time.time()
        now = lab.wait(lambda: (lambda st: st if st["activeRun"] or st["lastRun"] else None)(status(s, pid)), 30,
                       "the run", interval=0.02)
        seen = time.time()
        run = now["activeRun"] or now["lastRun"]
        result = {"run": i + 1, "submitSeconds": round(submitted - start, 3), "seenSeconds": round(seen - start, 3),
                  "serverQueuedSeconds": round(lab.ts(run["createdAt"]) - start, 3), "trigger": run["trigger"]}
        print(json.dumps(result), flush=True)
        results.append(result)
    print(json.dumps({"medianSeenSeconds": statistics.median(r["seenSeconds"] for r in results),
                      "maxSeenSeconds": max(r["seenSeconds"] for r in results),
                      "medianServerQueuedSeconds": statistics.median(r["serverQueuedSeconds"] for r in results)}))


if __name__ == "__main__":
    command, args = sys.argv[1], [int(a) for a in sys.argv[2:]]
    {"p1": p1, "p5": p5}[command](*args)
