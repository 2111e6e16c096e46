#!/usr/bin/env python3
"""P2 end to end: pre-annotation of ncbi-disease test sentences through preannotation-service
versus the bare model server, on the platform `./lab up` runs.

  python3 bench/preannotation-service/p2.py [test_sentences=1000] [runs=3] [train_sentences=1000] [epochs=5]

Sets up one project: train sentences imported as CoNLL (gold completions), Train Now with
deploy: true (the model is registered, bound and deployed by the platform), test sentences imported
as tasks tagged "test". Then alternately: a pre-annotation run over the "test" tasks (sentences/s
from the run's own createdAt/finishedAt), and the same texts sent straight to the deployed model
server in batches of 50 (sentences/s, client-timed). Prints every run, the medians and the ratio
service/bare (goal >= 0.85), and the entity F1 of the stored predictions against the gold tags.
"""
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import labclient as lab  # noqa: E402


def main(test_n=1000, runs=3, train_n=1000, epochs=5):
    s = lab.Session("olivia")
    if os.environ.get("P2_PROJECT"):  # measure again on a project an earlier run set up
        return measure(s, os.environ["P2_PROJECT"], test_n, runs)
    p = s.call("POST", f"{lab.PROJECT}/projects", {"name": f"p2-{int(time.time())}"})
    pid = p["id"]
    s.call("PUT", f"{lab.PROJECT}/projects/{pid}/labeling-config", lab.CONFIG, "application/xml")
    s.call("PUT", f"{lab.PROJECT}/projects/{pid}/training-parameters", {"validationSplit": 0.1, "epochs": epochs,
           "learningRate": 0.003, "decay": 0.005, "dropout": 0.5, "batchSize": 16})
    lab.wait(lambda: lab.ok(s, f"{lab.ANNOTATION}/projects/{pid}/tasks") and lab.ok(s, f"{lab.PREANNOTATION}/projects/{pid}/preannotations/context"),
             60, "the services to learn the project")
    train = lab.conll_blocks(os.path.join(lab.DATASETS, "ncbi-disease", "train.tsv"), train_n)
    s.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=conll&tag=train",
           "\n\n".join("\n".join(b) for b in train) + "\n", "text/plain")
    test = [lab.gold(b) for b in lab.conll_blocks(os.path.join(lab.DATASETS, "ncbi-disease", "test.tsv"), test_n)]
    s.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=json&tag=test", [{"text": t} for t, _ in test])
    lab.wait(lambda: s.call("GET", f"{lab.TRAINING}/projects/{pid}/trainings/status")["selectedCount"] == len(train),
             120, "the selected count")
    run = s.call("POST", f"{lab.TRAINING}/projects/{pid}/trainings", {"deploy": True})
    done = lab.wait(lambda: lab.ended(s, f"{lab.TRAINING}/trainings/{run['id']}", ("SUCCEEDED", "FAILED", "CANCELLED")), 3600, "training")
    if done["state"] != "SUCCEEDED":
        raise SystemExit(f"training {done['state']}: {done.get('message')}")
    model = done["model"]["name"]
    latest = lab.wait(lambda: lab.deployed(s, pid, model), 600, "the deployment of " + model)
    print(json.dumps({"project": pid, "model": model, "trainF1": done["metrics"]["micro"]["f1"],
                      "endpoint": latest["endpoint"]}), flush=True)
    measure(s, pid, test_n, runs)


def vacuum():
    """VACUUM ANALYZE of the two databases a run writes. The PostgreSQL of the CI machines runs with
    autovacuum off; every run replaces 940 predictions and updates as many task rows, and without a
    vacuum the dead rows pile up run after run (measured: 0.69 after ~90 runs, 0.835 right after a
    vacuum). A normal server's autovacuum does this within its one-minute nap."""
    for db in ("annotation_service", "preannotation_service"):
        subprocess.run(["psql", "-h", os.environ.get("LAB_PG_HOST", "127.0.0.1"), "-p", os.environ.get("LAB_PG_PORT", "5432"),
                        "-U", db, "-d", db, "-qc", "vacuum analyze"], check=True, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, PGPASSWORD=db))


def measure(s, pid, test_n, runs):
    vacuum()
    latest = s.call("GET", f"{lab.DEPLOY}/projects/{pid}/deployments/latest")["serving"]
    endpoint, model = latest["endpoint"], latest["models"][0]["name"]
    test = [lab.gold(b) for b in lab.conll_blocks(os.path.join(lab.DATASETS, "ncbi-disease", "test.tsv"), test_n)]
    texts = [t for t, _ in test]
    service, bare = [], []
    for i in range(runs):
        started = lab.wait(lambda: lab.start_preannotation(s, pid, "test"), 120, "a free project")
        ended = lab.wait(lambda: lab.ended(s, f"{lab.PREANNOTATION}/preannotations/{started['id']}",
                                        ("SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED")), 1800, "pre-annotation")
        seconds = lab.ts(ended["finishedAt"]) - lab.ts(ended["createdAt"])
        service.append(ended["progress"]["done"] / seconds)
        began = time.time()
        for b in range(0, len(texts), 50):
            _predict(endpoint, texts[b:b + 50], model)
        bare.append(len(texts) / (time.time() - began))
        print(json.dumps({"run": i + 1, "state": ended["state"], "serviceSeconds": round(seconds, 2),
                          "serviceSentencesPerSecond": round(service[-1], 1), "bareSentencesPerSecond": round(bare[-1], 1)}), flush=True)

    ids = {t["text"]: t["id"] for t in lab.tasks(s, pid, "test")}
    predicted = []
    for text, _ in test:
        rows = s.call("GET", f"{lab.ANNOTATION}/projects/{pid}/tasks/{ids[text]}/predictions")
        predicted.append(next((r["spans"] for r in rows if r["model"] == model), []))
    precision, recall, f1 = lab.entity_f1([g for _, g in test], predicted)
    print(json.dumps({"medianServiceSentencesPerSecond": round(statistics.median(service), 1),
                      "medianBareSentencesPerSecond": round(statistics.median(bare), 1),
                      "ratio": round(statistics.median(service) / statistics.median(bare), 3),
                      "predictionsF1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4)}))


def _predict(endpoint, texts, model):
    import urllib.request
    request = urllib.request.Request(endpoint + "/predict", data=json.dumps({"texts": texts, "models": [model]}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())


if __name__ == "__main__":
    main(*[int(a) for a in sys.argv[1:]])
