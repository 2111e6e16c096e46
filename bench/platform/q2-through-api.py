#!/usr/bin/env python3
"""Q2 through the platform's own API (issue 23): the least-confidence run of
bench/nlp-runner/q2-labels-saved.sh, but every step is the platform's — a simulated annotator
(anna, submitting the gold tags) takes her next task from annotation-service's uncertainty order;
active learning trains after every 100 selected completions and deploys (the quality gate's tolerance
set to 1, so every round's model serves, as in the direct runs); the deployment makes
preannotation-service score the unannotated pool again in the background; the run's test F1 is
training-service's, on the project's test tasks, through the model server's code.

Pool = NCBI-disease train.tsv (tag pool), test = test.tsv (imported as CoNLL with tag test: gold
completions, the project's test set). The first 100 sentences are bench-al's seed 1 (Java's seeded
shuffle, reproduced below), so the curve compares with bench-al's least-confidence-1 round by round.
Training parameters: bench/nlp-runner/results/q2/params.json. Not a test: about an hour on 2 cores.

  ./lab up    # then:
  bench/platform/q2-through-api.py <output.jsonl> [until=1500]   # the full corpus: demo/data/corpora (LAB_DATASETS)

Prints one JSON line per round (bench-al's fields, plus the platform's timings) to the output file;
bench/nlp-runner/q2_report.py draws it beside the direct runs when the file is in their folder.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import labclient as lab  # noqa: E402

STEP = 100
MASK = (1 << 48) - 1


class JavaRandom:
    """java.util.Random: the generator bench-al shuffles the pool with."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & MASK

    def next_bits(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & MASK
        return self.seed >> (48 - bits)

    def next_int(self, bound):
        if bound & -bound == bound:
            return (bound * self.next_bits(31)) >> 31
        while True:
            bits = self.next_bits(31)
            value = bits % bound
            if bits - value + (bound - 1) < (1 << 31):
                return value


def java_shuffle(items, seed):
    """Collections.shuffle(list, new Random(seed)) on a random-access list."""
    items, rnd = list(items), JavaRandom(seed)
    for i in range(len(items), 1, -1):
        j = rnd.next_int(i)
        items[i - 1], items[j] = items[j], items[i - 1]
    return items


def main():
    output = sys.argv[1]
    until = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
    ncbi = os.path.join(os.environ.get("LAB_DATASETS", os.path.join(lab.ROOT, "demo", "data", "corpora")), "ncbi-disease")
    params = json.load(open(os.path.join(lab.ROOT, "bench", "nlp-runner", "results", "q2", "params.json")))
    blocks = lab.conll_blocks(os.path.join(ncbi, "train.tsv"))
    pool = [lab.gold(b) for b in blocks]
    tokens = [len(b) for b in blocks]
    entities = [sum(1 for line in b if line.split("\t")[-1].startswith("B-")) for b in blocks]
    seed_round = java_shuffle(range(len(pool)), params["seed"])[:STEP]
    log(f"pool {len(pool)} sentences; bench-al's seed-{params['seed']} first {STEP}: {sum(tokens[i] for i in seed_round)} tokens, "
        f"{sum(entities[i] for i in seed_round)} entities")

    owner, anna = lab.Session("olivia"), lab.Session("anna")
    project = owner.call("POST", f"{lab.PROJECT}/projects", {"name": f"Q2 through the API {time.strftime('%Y-%m-%d %H:%M:%S')}"})
    pid = project["id"]
    owner.call("PUT", f"{lab.PROJECT}/projects/{pid}/labeling-config", lab.CONFIG, "application/xml")
    owner.call("POST", f"{lab.PROJECT}/projects/{pid}/members", {"username": "anna", "role": "ANNOTATOR"})
    owner.call("PUT", f"{lab.PROJECT}/projects/{pid}/training-parameters", params)
    lab.wait(lambda: lab.ok(owner, f"{lab.ANNOTATION}/projects/{pid}/tasks")
             and lab.ok(owner, f"{lab.TRAINING}/projects/{pid}/trainings/status")
             and lab.ok(owner, f"{lab.DEPLOY}/projects/{pid}/quality-gate/settings"), 60, "the services to learn the project")
    owner.call("PUT", f"{lab.DEPLOY}/projects/{pid}/quality-gate/settings", {"tolerance": 1})
    owner.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=json&tag=pool", [{"text": t} for t, _ in pool])
    with open(os.path.join(ncbi, "test.tsv"), encoding="utf-8") as f:
        owner.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=conll&tag=test", f.read(), "text/plain")
    ids = [t["id"] for t in lab.tasks(owner, pid, "pool")]
    listed = [t["text"] for t in lab.tasks(owner, pid, "pool")]
    if listed != [t for t, _ in pool]:
        raise RuntimeError("the pool's tasks are not listed in import order")
    index = {task: i for i, task in enumerate(ids)}
    owner.call("PUT", f"{lab.ANNOTATION}/projects/{pid}/tasks/assignment", {"filter": {"tag": "pool"}, "assignee": "anna"})
    test_set = owner.call("GET", f"{lab.ANNOTATION}/projects/{pid}/test-set/summary")
    owner.call("PUT", f"{lab.ANNOTATION}/projects/{pid}/task-order", {"strategy": "uncertainty", "measure": "least-confidence"})
    owner.call("PUT", f"{lab.PROJECT}/projects/{pid}/active-learning",
               {"enabled": True, "everyNCompletions": STEP, "deployAfterTraining": True})
    lab.wait(lambda: owner.call("GET", f"{lab.TRAINING}/projects/{pid}/trainings/status")["activeLearning"]["enabled"], 30,
             "training-service to see active learning")
    log(f"project {project['slug']} ({pid}): {len(ids)} pool tasks assigned to anna, test set "
        f"{test_set['selected']['selectedCompletions']} tasks; order uncertainty/least-confidence; active learning every {STEP}")

    labelled = []
    for i in seed_round:  # the seed round: the tasks a manager would pick, opened by id
        _submit(anna, pid, ids[i], pool[i][1])
    labelled += seed_round
    for round_ in range(1, 10_000):
        run = lab.wait(lambda: _run(owner, pid, round_), 120, f"active learning's run {round_}")
        run = lab.wait(lambda: lab.ended(owner, f"{lab.TRAINING}/trainings/{run['id']}", ("SUCCEEDED", "FAILED", "CANCELLED")),
                       3600, f"training run {round_}", interval=2)
        if run["state"] != "SUCCEEDED":
            raise RuntimeError(f"run {round_} {run['state']}: {run['reason']}: {run['message']}")
        test = run["metrics"]["test"]
        row = {"event": "al-round", "strategy": "least-confidence-api", "seed": params["seed"], "round": round_,
               "sentences": len(labelled), "tokens": sum(tokens[i] for i in labelled),
               "entities": sum(entities[i] for i in labelled), "testF1": round(test["micro"]["f1"], 4),
               "testPrecision": round(test["micro"]["precision"], 4), "testRecall": round(test["micro"]["recall"], 4),
               "testTasks": test["tasks"], "trainedCompletions": run["dataset"]["size"], "model": run["model"]["name"],
               "queuedSeconds": round(lab.ts(run["startedAt"]) - lab.ts(run["createdAt"])),
               "trainSeconds": round(lab.ts(run["finishedAt"]) - lab.ts(run["startedAt"]))}
        if len(labelled) >= until:
            _write(output, row)
            return
        deployed = lab.wait(lambda: lab.deployed(owner, pid, run["model"]["name"]), 600, f"the deployment of {run['model']['name']}")
        rescored = lab.wait(lambda: _rescored(owner, pid, round_), 1800, f"the pool's rescoring after deployment {deployed['number']}",
                            interval=2)
        row["scoreSeconds"] = round(lab.ts(rescored["finishedAt"]) - lab.ts(rescored["createdAt"]))
        row["scoredTasks"] = rescored["progress"]["done"]
        chosen = []
        for _ in range(STEP):
            step = anna.call("GET", f"{lab.ANNOTATION}/projects/{pid}/tasks/next")
            if step["strategy"] != "uncertainty" or step["task"]["uncertainty"]["leastConfidence"] is None:
                raise RuntimeError(f"the next task is not chosen by uncertainty: {step}")
            if step["task"]["id"] not in index or index[step["task"]["id"]] in chosen + labelled:
                raise RuntimeError(f"the next task is not an unannotated pool task: {step['task']}")
            i = index[step["task"]["id"]]
            if not chosen:
                row["firstLeastConfidence"] = round(step["task"]["uncertainty"]["leastConfidence"], 4)
            _submit(anna, pid, ids[i], pool[i][1])
            chosen.append(i)
        labelled += chosen
        row["lastLeastConfidence"] = round(step["task"]["uncertainty"]["leastConfidence"], 4)
        _write(output, row)


def _submit(anna, pid, task, spans):
    anna.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/{task}/completions", {"spans": spans, "submit": True})


def _run(owner, pid, number):
    runs = owner.call("GET", f"{lab.TRAINING}/projects/{pid}/trainings?size=5")["items"]
    return next((r for r in runs if r["number"] == number and r["trigger"] == "ACTIVE_LEARNING"), None)


def _rescored(owner, pid, count):
    """The newest background rescoring once `count` of them have succeeded."""
    runs = owner.call("GET", f"{lab.PREANNOTATION}/projects/{pid}/preannotations?size=50")["items"]
    done = [r for r in runs if r["background"] and r["state"] == "SUCCEEDED"]
    return done[0] if len(done) >= count else None


def _write(output, row):
    with open(output, "a", encoding="utf-8") as f:
        f.write(json.dumps(row) + "\n")
    log(json.dumps(row))


def log(text):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
