#!/usr/bin/env python3
"""`./lab demo`: the platform's whole loop on the NCBI-disease corpus, through the public REST APIs
of the platform `./lab up` runs, with real Keycloak tokens. Every step prints what it did; a failure
stops with the reason and where the logs are.

  ./lab demo [train_sentences=300] [heldout_sentences=100] [epochs=5] [--check]

--check turns the printed facts into assertions (exit code 1 on the first that does not hold).
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
import labclient as lab  # noqa: E402

CHECK = "--check" in sys.argv
ARGS = [int(a) for a in sys.argv[1:] if not a.startswith("--")]
TRAIN_N, HELDOUT_N, EPOCHS = (ARGS + [300, 100, 5][len(ARGS):])[:3]
POOL_N = 20
LOGS = os.path.join(os.environ.get("LAB_HOME", os.path.join(lab.ROOT, ".lab")), "logs")
STARTED = time.time()


def step(n, text):
    print(f"\n[{time.time() - STARTED:6.1f}s] {n}. {text}", flush=True)


def say(text):
    print(f"          {text}", flush=True)


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    if CHECK:
        say(f"ok: {what}")


def main():
    owner, annotator, reviewer = lab.Session("olivia"), lab.Session("anna"), lab.Session("rita")
    step(1, "log in: bearer tokens from Keycloak for olivia (Owner), anna (Annotator), rita (Reviewer)")
    say(f"olivia's token: {owner.bearer()[:24]}… (./lab token olivia)")

    step(2, "create a project with a labeling config for Disease; add an annotator and a reviewer")
    project = owner.call("POST", f"{lab.PROJECT}/projects", {"name": f"NCBI disease demo {time.strftime('%H:%M:%S')}"})
    pid, slug = project["id"], project["slug"]
    owner.call("PUT", f"{lab.PROJECT}/projects/{pid}/labeling-config", lab.CONFIG, "application/xml")
    owner.call("POST", f"{lab.PROJECT}/projects/{pid}/members", {"username": "anna", "role": "ANNOTATOR"})
    owner.call("POST", f"{lab.PROJECT}/projects/{pid}/members", {"username": "rita", "role": "REVIEWER"})
    owner.call("PUT", f"{lab.PROJECT}/projects/{pid}/training-parameters", {"validationSplit": 0.2, "epochs": EPOCHS,
               "learningRate": 0.01, "decay": 0.005, "dropout": 0.5, "batchSize": 16})
    say(f"project {slug} ({pid}); members olivia, anna, rita; {EPOCHS} epochs by default")
    lab.wait(lambda: lab.ok(annotator, f"{lab.ANNOTATION}/projects/{pid}/tasks")
             and lab.ok(owner, f"{lab.TRAINING}/projects/{pid}/trainings/status"), 60, "the services to learn the project")

    step(3, f"import {TRAIN_N} sentences of ncbi-disease train.tsv as tasks to annotate, and {HELDOUT_N} of test.tsv"
            f" (tags heldout and test: the project's test set, to pre-annotate later); {POOL_N} more of train.tsv"
            " (tag pool) stay unannotated, for the uncertainty-first order")
    blocks = lab.conll_blocks(os.path.join(lab.DATASETS, "ncbi-disease", "train.tsv"), TRAIN_N + POOL_N)
    train = [lab.gold(b) for b in blocks[:TRAIN_N]]
    pool = [lab.gold(b)[0] for b in blocks[TRAIN_N:]]
    result = owner.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=json", [{"text": t} for t, _ in train])
    owner.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=json&tag=pool", [{"text": t} for t in pool])
    heldout = [lab.gold(b) for b in lab.conll_blocks(os.path.join(lab.DATASETS, "ncbi-disease", "test.tsv"), HELDOUT_N)]
    owner.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=json&tag=heldout&tag=test",
               [{"text": t} for t, _ in heldout])
    tasks = {t["text"]: t["id"] for t in lab.tasks(owner, pid) if not {"heldout", "pool"} & set(t["tags"])}
    pool_ids = [t["id"] for t in lab.tasks(owner, pid, "pool")]
    ids = [tasks[t] for t, _ in train]
    heldout_ids = {t["text"]: t["id"] for t in lab.tasks(owner, pid, "heldout")}
    owner.call("PUT", f"{lab.ANNOTATION}/projects/{pid}/tasks/assignment",
               {"taskIds": ids + list(heldout_ids.values()) + pool_ids, "assignee": "anna", "reviewer": "rita"})
    owner.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/tags", {"taskIds": ids[: len(ids) // 2], "add": ["batch-1"]})
    say(f"{result['imported']} tasks, assigned to anna with rita reviewing; the first half tagged batch-1")
    check(result["imported"] == TRAIN_N, f"{TRAIN_N} tasks imported")

    step(4, "anna submits completions (the gold tags) of the test tasks, then of the others; rita accepts some and rejects a few")
    for text, spans in heldout:
        annotator.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/{heldout_ids[text]}/completions",
                       {"spans": spans, "submit": True})
    test_set = owner.call("GET", f"{lab.ANNOTATION}/projects/{pid}/test-set/summary")
    say(f"test set: {test_set['selected']['selectedCompletions']} tasks tagged {test_set['tag']}, never trained on")
    check(test_set["selected"]["selectedCompletions"] == HELDOUT_N, f"the {HELDOUT_N} test tasks are the test set")
    last = 10
    completions = []
    for (text, spans), task in zip(train[:-last], ids[:-last]):
        completions.append(annotator.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/{task}/completions",
                                          {"spans": spans, "submit": True})["id"])
    accepted, rejected = completions[:40], completions[40:43]
    for c in accepted:
        reviewer.call("POST", f"{lab.ANNOTATION}/projects/{pid}/completions/{c}/review", {"status": "ACCEPTED"})
    for c in rejected:
        reviewer.call("POST", f"{lab.ANNOTATION}/projects/{pid}/completions/{c}/review",
                      {"status": "REJECTED", "comment": "demo: rejected on purpose"})
    expected = len(completions) - len(rejected)
    selected = lab.wait(lambda: _selected(owner, pid, expected), 60, f"{expected} selected completions")
    summary = owner.call("GET", f"{lab.ANNOTATION}/projects/{pid}/training-set/summary")
    say(f"{len(completions)} submitted, {len(accepted)} accepted, {len(rejected)} rejected -> {selected} selected for training "
        f"({summary['entitiesPerLabel'].get('Disease', 0)} Disease mentions, {summary['spansAdjusted']} spans snapped to tokens)")
    check(selected == expected, f"rejected completions are not selected ({selected} == {expected})")

    every = selected + last
    step(5, f"active learning on: train every {every} completions (a custom N: after the next {last}), deploy after training")
    owner.call("PUT", f"{lab.PROJECT}/projects/{pid}/active-learning", {"enabled": True, "everyNCompletions": every,
               "deployAfterTraining": True})
    lab.wait(lambda: owner.call("GET", f"{lab.TRAINING}/projects/{pid}/trainings/status")["activeLearning"]["enabled"], 30,
             "training-service to see the setting")
    for i, ((text, spans), task) in enumerate(zip(train[-last:], ids[-last:]), start=1):
        status = owner.call("GET", f"{lab.TRAINING}/projects/{pid}/trainings/status")
        check(status["activeRun"] is None, f"no training before completion {i} of the last {last}")
        annotator.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/{task}/completions", {"spans": spans, "submit": True})
    submitted = time.time()
    run = lab.wait(lambda: owner.call("GET", f"{lab.TRAINING}/projects/{pid}/trainings/status")["activeRun"], 30,
                   "the automatic training")
    say(f"the {last}th completion ({every} selected) started training run {run['number']} by itself "
        f"({run['trigger']}, {time.time() - submitted:.1f} s after the submit)")
    check(run["trigger"] == "ACTIVE_LEARNING" and run["deploy"], "the run was started by active learning, with deploy")

    step(6, "training progress, then the training log's precision/recall/F1")
    seen = None
    while True:
        now = owner.call("GET", f"{lab.TRAINING}/trainings/{run['id']}")
        progress = (now["state"], now["phase"], now["progress"]["epoch"], now["progress"]["loss"])
        if progress != seen:
            say(f"{now['state']:9} {now['phase'] or '':10} epoch {now['progress']['epoch'] or 0}/{now['progress']['epochs']}"
                + (f" loss {now['progress']['loss']:.2f}" if now["progress"]["loss"] else ""))
            seen = progress
        if now["state"] not in ("QUEUED", "RUNNING"):
            break
        time.sleep(1)
    if now["state"] != "SUCCEEDED":
        raise RuntimeError(f"training {now['state']}: {now['reason']}: {now['message']}")
    log = owner.call("GET", f"{lab.TRAINING}/trainings/{run['id']}/logs")
    table = [line.split("  ", 1)[-1] for line in log.splitlines() if "precision" in line or " avg " in line or "Disease " in line]
    for line in table[-4:]:
        say(line.strip())
    model = now["model"]["name"]
    say(f"model {model}: micro F1 {now['metrics']['micro']['f1']:.4f} on {now['metrics']['validationSentences']} held-out sentences")
    test = now["metrics"]["test"]
    check(test is not None and test["tasks"] == HELDOUT_N, f"the run was scored on the {HELDOUT_N} test tasks")
    say(f"on the test set ({test['tasks']} tasks, {test['entities']} gold spans, raw text as the model server sees it): "
        f"micro F1 {test['micro']['f1']:.4f}")

    step(7, "the new model is deployed and bound in the labeling config")
    latest = lab.wait(lambda: lab.deployed(owner, pid, model), 300, f"the deployment of {model}")
    config = owner.call("GET", f"{lab.PROJECT}/projects/{pid}/labeling-config")
    say(f"deployment {latest['number']} {latest['state']} ({latest['trigger']}, by {latest['requestedBy']}): "
        + ", ".join(f"{m['name']} for {m['labels']}" for m in latest["models"]))
    say("labeling config: " + ", ".join(f"{l['value']} -> {l['model']}" for l in config["labels"]))
    check(any(l["value"] == "Disease" and l["model"] == model for l in config["labels"]), "Disease is bound to the new model")
    runs = owner.call("GET", f"{lab.TRAINING}/projects/{pid}/trainings")["items"]
    check(len([r for r in runs if r["trigger"] == "ACTIVE_LEARNING"]) == 1, "exactly one automatic training ran")
    gate = _gate(owner, pid, run["id"])
    say(f"quality gate: {gate['outcome']}: {gate['message']}")
    check(gate["outcome"] == "NOT_GATED" and gate["baselineModel"] is None, "the first model had nothing to be compared with")

    step(8, f"pre-annotate the {HELDOUT_N} held-out sentences of test.tsv")
    context = lab.wait(lambda: (lambda c: c if c["canRun"] else None)(
        owner.call("GET", f"{lab.PREANNOTATION}/projects/{pid}/preannotations/context")), 60, "pre-annotation to see the deployment")
    say("the popup: " + ", ".join(f"{m['name']} ({', '.join(m['labels'])})" for m in context["serving"]["models"])
        + f", deployment {context['lastDeployment']['state']}")
    started = lab.wait(lambda: lab.start_preannotation(owner, pid, "heldout"), 60, "pre-annotation to be allowed")
    check(started is not None, "a pre-annotation run started")
    ended = lab.wait(lambda: lab.ended(owner, f"{lab.PREANNOTATION}/preannotations/{started['id']}", ("SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED")), 600, "pre-annotation")
    say(f"pre-annotation {ended['state']}: {ended['progress']['done']}/{ended['progress']['total']} tasks, "
        f"{ended['progress']['failed']} failed")
    check(ended["state"] == "SUCCEEDED", "pre-annotation succeeded")
    predicted = []
    for text, _ in heldout:
        rows = owner.call("GET", f"{lab.ANNOTATION}/projects/{pid}/tasks/{heldout_ids[text]}/predictions")
        predicted.append(next((r["spans"] for r in rows if r["model"] == model), []))
    for (text, spans), p in list(zip(heldout, predicted))[:3]:
        say(f"\"{text[:100]}{'…' if len(text) > 100 else ''}\"")
        say("   predicted: " + (", ".join(f"[{text[s['start']:s['end']]}] {s['label']}" for s in p) or "(nothing)"))
        say("   gold:      " + (", ".join(f"[{text[s['start']:s['end']]}]" for s in spans) or "(nothing)"))
    precision, recall, f1 = lab.entity_f1([g for _, g in heldout], predicted)
    say(f"entity F1 of the predictions against the gold tags: {f1:.4f} (precision {precision:.4f}, recall {recall:.4f})")
    check(f1 > 0, "the model finds some of the test spans (same data and seed: the same model every run)")
    check(abs(f1 - test["micro"]["f1"]) < 1e-6,
          f"the run's test F1 ({test['micro']['f1']:.4f}) is the F1 of the model server's predictions on the same tasks ({f1:.4f})")

    step(9, f"uncertainty-first order: pre-annotate the {POOL_N} unannotated pool tasks, then anna's next task is the one "
            f"{model} is least sure of")
    pooled = lab.wait(lambda: lab.start_preannotation(owner, pid, "pool"), 60, "pre-annotation to be allowed")
    pooled = lab.wait(lambda: lab.ended(owner, f"{lab.PREANNOTATION}/preannotations/{pooled['id']}", ("SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED")), 600, "pre-annotation of the pool")
    check(pooled["state"] == "SUCCEEDED", f"the pool is pre-annotated ({pooled['progress']['done']} tasks)")
    sequential = annotator.call("GET", f"{lab.ANNOTATION}/projects/{pid}/tasks/next")
    owner.call("PUT", f"{lab.ANNOTATION}/projects/{pid}/task-order", {"strategy": "uncertainty", "measure": "mnlp"})
    ranked = annotator.call("GET", f"{lab.ANNOTATION}/projects/{pid}/tasks?tag=pool&sort=mnlp,desc&size=3")["items"]
    for t in ranked:
        say(f"MNLP {t['uncertainty']['mnlp']:.3f} (least confidence {t['uncertainty']['leastConfidence']:.3f}, "
            f"entropy {t['uncertainty']['entropy']:.3f}): \"{t['text'][:80]}{'…' if len(t['text']) > 80 else ''}\"")
    chosen = annotator.call("GET", f"{lab.ANNOTATION}/projects/{pid}/tasks/next")
    say(f"anna's next task in import order: \"{sequential['task']['text'][:60]}…\"; by uncertainty: "
        f"\"{chosen['task']['text'][:60]}…\" (MNLP {chosen['task']['uncertainty']['mnlp']:.3f}; {chosen['left']} left)")
    check(chosen["strategy"] == "uncertainty" and chosen["task"]["id"] == ranked[0]["id"],
          "the next task is the pool task the model is least sure of")

    step(10, "olivia trains again with deploy, for one epoch only: the quality gate compares the new model with "
            f"{model} on the same test tasks")
    lab.wait(lambda: owner.call("GET", f"{lab.TRAINING}/projects/{pid}/trainings/status")["serving"] == [model], 30,
             "training-service to learn what serves")
    quick = lab.wait(lambda: lab.train_now(owner, pid, {"deploy": True, "epochs": 1}), 120,
                     "Train Now to be allowed (pre-annotation has ended)")
    second = lab.wait(lambda: lab.ended(owner, f"{lab.TRAINING}/trainings/{quick['id']}",
                                        ("SUCCEEDED", "FAILED", "CANCELLED")), 600, "the second training")
    check(second["state"] == "SUCCEEDED", f"the second training succeeded ({second['state']}: {second['message']})")
    gate = lab.wait(lambda: _gate(owner, pid, quick["id"]), 60, "the quality gate's decision")
    say(f"quality gate: {gate['outcome']}: {gate['message']}")
    check(gate["baselineModel"] == model and abs(gate["baselineF1"] - test["micro"]["f1"]) < 1e-9,
          f"the run scored the deployed {model} on the same test set as {model}'s own run did ({gate['baselineF1']:.4f})")
    new_model = second["model"]["name"]
    if gate["outcome"] == "REFUSED":
        latest = owner.call("GET", f"{lab.DEPLOY}/projects/{pid}/deployments/latest")
        say(f"deployment {latest['latest']['number']} {latest['latest']['state']} ({latest['latest']['reason']}); "
            f"still serving {', '.join(m['name'] for m in latest['serving']['models'])}")
        check(latest["serving"]["models"][0]["name"] == model, f"{model} still serves")
        anyway = owner.call("POST", f"{lab.DEPLOY}/projects/{pid}/quality-gate/decisions/{quick['id']}/override")
        say(f"olivia deploys {new_model} anyway: deployment {anyway['number']} ({anyway['trigger']}, by {anyway['requestedBy']})")
    latest = lab.wait(lambda: lab.deployed(owner, pid, new_model), 300, f"the deployment of {new_model}")
    say(f"deployment {latest['number']} {latest['state']}: {new_model} serves")
    print(json.dumps({"demoSeconds": round(time.time() - STARTED, 1), "model": model,
                      "trainingF1": now["metrics"]["micro"]["f1"], "testF1": round(test["micro"]["f1"], 4),
                      "heldoutF1": round(f1, 4), "secondTestF1": round(gate["f1"], 4), "gate": gate["outcome"]}))


def _gate(s, pid, run_id):
    """The quality gate's decision on a training run (None before it is taken)."""
    decisions = s.call("GET", f"{lab.DEPLOY}/projects/{pid}/quality-gate/decisions?size=50")["items"]
    return next((d for d in decisions if d["runId"] == run_id), None)


def _selected(s, pid, expected):
    count = s.call("GET", f"{lab.TRAINING}/projects/{pid}/trainings/status")["selectedCount"]
    return count if count == expected else None


if __name__ == "__main__":
    try:
        main()
    except (lab.ApiError, RuntimeError, TimeoutError, AssertionError) as e:
        print(f"\ndemo stopped: {e}\nlogs: {LOGS}/<service>.log (./lab status shows what runs)", file=sys.stderr)
        sys.exit(1)
