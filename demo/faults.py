#!/usr/bin/env python3
"""The fault tests of `./lab test` (issue 20), run on the end-to-end platform after the demo: each
fault is injected without warning (SIGKILL, SIGSTOP, a PostgreSQL restart) while the platform works,
and each prints what was sent, acknowledged and found afterwards, and how long recovery took.
A fault test fails on the first count that does not hold.

  python3 demo/faults.py      (inside ./lab e2e; uses LAB_HOME and LAB_PORT_BASE of that platform)
"""
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
import labclient as lab  # noqa: E402

LAB_HOME = os.environ.get("LAB_HOME", os.path.join(lab.ROOT, ".lab"))
STARTED = time.time()
SERVICES = {"project-service": lab.PROJECT, "annotation-service": lab.ANNOTATION, "training-service": lab.TRAINING,
            "deploy-service": lab.DEPLOY, "preannotation-service": lab.PREANNOTATION}
FINAL = ("SUCCEEDED", "FAILED", "CANCELLED", "PARTIAL")


def say(text):
    print(f"[{time.time() - STARTED:6.1f}s] {text}", flush=True)


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    say(f"  ok: {what}")


def fault(*args):
    """./lab fault …: returns the seconds it took (a restart waits until the process is ready)."""
    began = time.time()
    subprocess.run([os.path.join(lab.ROOT, "lab"), "fault", *args], check=True)
    return time.time() - began


def ready(url):
    try:
        with urllib.request.urlopen(url + "/q/health/ready", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


class Submits:
    """Clients submitting one completion per task, in parallel, as a careful client does: each submit
    carries its own Idempotency-Key, and one that got no answer (refused, cut off) is sent again with
    it, for up to a minute. Counts first answers, retries and answers replayed from the store."""

    def __init__(self, session, project_id, task_spans, clients=8):
        self.session, self.project_id, self.clients = session, project_id, clients
        self.pending = list(task_spans)
        self.acknowledged, self.failed, self.retried, self.replayed = [], [], 0, 0
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._client, daemon=True) for _ in range(clients)]

    def _client(self):
        while True:
            with self.lock:
                if not self.pending:
                    return
                task, spans = self.pending.pop()
            deadline, attempt = time.time() + 60, 0
            while True:
                answer = {}
                try:
                    self.session.call("POST", f"{lab.ANNOTATION}/projects/{self.project_id}/tasks/{task}/completions",
                                      {"spans": spans, "submit": True}, timeout=30,
                                      headers={"Idempotency-Key": f"faults-{task}"}, answer=answer)
                    with self.lock:
                        self.acknowledged.append(task)
                        self.retried += attempt > 0
                        self.replayed += answer.get("idempotent-replayed") == "true"
                    break
                except (lab.ApiError, urllib.error.URLError, OSError) as e:
                    attempt += 1
                    if time.time() > deadline or (isinstance(e, lab.ApiError) and e.status < 500):
                        with self.lock:
                            self.failed.append((task, str(e)[:120]))
                        break
                    time.sleep(0.5)

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def done_count(self):
        with self.lock:
            return len(self.acknowledged) + len(self.failed)

    def join(self):
        for t in self.threads:
            t.join(timeout=300)


def stored(session, project_id, tasks):
    """The tasks of the list that have a submitted completion, and how many completions each has."""
    counts = {}
    for task in tasks:
        rows = session.call("GET", f"{lab.ANNOTATION}/projects/{project_id}/tasks/{task}/completions")
        counts[task] = len(rows)
    return counts


def selected(session, project_id):
    return session.call("GET", f"{lab.ANNOTATION}/projects/{project_id}/training-set/summary")["selectedCompletions"]


def events_caught_up(session, project_id, expected):
    """training-service's view (from annotation-service's events) counts exactly the stored completions."""
    return session.call("GET", f"{lab.TRAINING}/projects/{project_id}/trainings/status")["selectedCount"] == expected


def submits_under(owner, annotator, pid, batch, name, inject):
    """Submits of a batch while `inject` runs in the middle; returns (sent, acknowledged, present, duplicates)."""
    before = selected(owner, pid)
    submits = Submits(annotator, pid, batch).start()
    lab.wait(lambda: submits.done_count() >= len(batch) // 4, 120, "a quarter of the submits")
    recovery = inject()
    submits.join()
    acked = submits.acknowledged
    counts = stored(owner, pid, [t for t, _ in batch])
    present = sum(1 for t in acked if counts[t] >= 1)
    duplicates = sum(c - 1 for c in counts.values() if c > 1)
    total = sum(1 for c in counts.values() if c >= 1)
    check(selected(owner, pid) == before + total, f"{name}: annotation-service selects the {total} stored completions")
    caught_up = time.time()
    lab.wait(lambda: events_caught_up(owner, pid, before + total), 180, "training-service to count every stored completion")
    say(f"{name}: sent {len(batch)}, acknowledged {len(acked)} ({submits.retried} after a retry with their key, "
        f"{submits.replayed} of them answered from the store: stored before their first answer was lost), "
        f"given up {len(submits.failed)}, acknowledged and present {present}, stored {total}, "
        f"duplicate completions {duplicates}, recovery {recovery:.1f} s, events caught up "
        f"{time.time() - caught_up:.1f} s after the check")
    check(not submits.failed, f"{name}: every submit acknowledged, retried with its key if need be: {submits.failed[:3]}")
    check(present == len(acked), f"{name}: every acknowledged submit is stored ({present} of {len(acked)})")
    check(duplicates == 0, f"{name}: no task got two completions")
    check(total == len(batch), f"{name}: each submit stored exactly once ({total} of {len(batch)})")
    return submits


def main():
    owner, annotator = lab.Session("olivia"), lab.Session("anna")
    sentences = [lab.gold(b) for b in lab.conll_blocks(os.path.join(lab.DATASETS, "ncbi-disease", "train.tsv"), 600)]

    say("setup: a project of 600 tasks assigned to anna, 1 epoch per training")
    project = owner.call("POST", f"{lab.PROJECT}/projects", {"name": f"faults {time.strftime('%H:%M:%S')}"})
    pid = project["id"]
    owner.call("PUT", f"{lab.PROJECT}/projects/{pid}/labeling-config", lab.CONFIG, "application/xml")
    owner.call("POST", f"{lab.PROJECT}/projects/{pid}/members", {"username": "anna", "role": "ANNOTATOR"})
    owner.call("PUT", f"{lab.PROJECT}/projects/{pid}/training-parameters", {"validationSplit": 0.2, "epochs": 1, "learningRate": 0.003, "decay": 0.005, "dropout": 0.5, "batchSize": 16})
    lab.wait(lambda: lab.ok(annotator, f"{lab.ANNOTATION}/projects/{pid}/tasks")
             and lab.ok(owner, f"{lab.TRAINING}/projects/{pid}/trainings/status"), 60, "the services to learn the project")
    # The same sentence may appear twice in the corpus: a task per position, texts made unique.
    texts = [f"{text} ({i})" for i, (text, _) in enumerate(sentences)]
    owner.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=json", [{"text": t} for t in texts])
    ids = {t["text"]: t["id"] for t in lab.tasks(owner, pid)}
    batch = [(ids[texts[i]], spans) for i, (_, spans) in enumerate(sentences)]
    owner.call("PUT", f"{lab.ANNOTATION}/projects/{pid}/tasks/assignment", {"taskIds": [t for t, _ in batch], "assignee": "anna"})

    # 1. The broker killed during a burst of submits, restarted 5 s later.
    def broker():
        fault("kill", "kafka")
        time.sleep(5)
        took = fault("start")
        say(f"broker: ready again {took:.1f} s after its restart began (data kept)")
        return took
    submits_under(owner, annotator, pid, batch[:200], "broker killed", broker)

    # 2. annotation-service killed mid-stream, restarted.
    def annotation():
        fault("kill", "annotation-service")
        return fault("start")
    submits_under(owner, annotator, pid, batch[200:400], "annotation-service killed", annotation)

    # 3. PostgreSQL restarted under load: every service is ready again by itself.
    def postgres():
        fault("restart-postgres")
        back = time.time()
        lab.wait(lambda: all(ready(url) for url in SERVICES.values()), 120, "every service to be ready after PostgreSQL")
        return time.time() - back
    submits_under(owner, annotator, pid, batch[400:600], "PostgreSQL restarted", postgres)

    # 4. training-service killed while a run is PREPARING (annotation-service paused, so staging
    #    waits), then killed while a run is TRAINING: each run reaches a true final state; no duplicates.
    fault("pause", "annotation-service")
    try:
        run = owner.call("POST", f"{lab.TRAINING}/projects/{pid}/trainings", {"deploy": True}, timeout=30)
        lab.wait(lambda: owner.call("GET", f"{lab.TRAINING}/trainings/{run['id']}")["phase"] == "PREPARING", 30, "PREPARING")
        fault("kill", "training-service")
    finally:
        fault("resume", "annotation-service")
    restarted = time.time() + fault("start")
    now = lab.wait(lambda: (lambda r: r if r["phase"] != "PREPARING" or r["state"] in FINAL else None)(
        owner.call("GET", f"{lab.TRAINING}/trainings/{run['id']}")), 60, "the run to leave PREPARING")
    say(f"training-service killed in PREPARING: after its restart the run is {now['state']}/{now['phase']} "
        f"{time.time() - restarted:.1f} s later")
    check(now["state"] == "RUNNING" and now["phase"] in ("LAUNCHED", "TRAINING", "EVALUATING"), "the run was prepared again and launched")
    training = lab.wait(lambda: (lambda r: r if r["phase"] in ("TRAINING", "EVALUATING") or r["state"] in FINAL else None)(
        owner.call("GET", f"{lab.TRAINING}/trainings/{run['id']}")), 180, "TRAINING")
    check(training["state"] == "RUNNING", f"the run is still training when training-service is killed ({training['phase']})")
    fault("kill", "training-service")
    restarted = time.time() + fault("start")
    final = lab.wait(lambda: lab.ended(owner, f"{lab.TRAINING}/trainings/{run['id']}", FINAL), 600, "the run to end")
    say(f"training-service killed in TRAINING: the run ended {final['state']} {time.time() - restarted:.1f} s after the restart")
    check(final["state"] == "SUCCEEDED", "the run trained to the end across two restarts")
    runs = owner.call("GET", f"{lab.TRAINING}/projects/{pid}/trainings")["items"]
    check(len(runs) == 1, f"one run, not a duplicate ({len(runs)})")

    # 5. deploy-service killed: its model server is adopted, not orphaned, and not started twice.
    model = final["model"]["name"]
    latest = lab.wait(lambda: lab.deployed(owner, pid, model), 300, f"the deployment of {model}")
    record = os.path.join(LAB_HOME, "models", "servers", f"{pid}.json")
    server = json.load(open(record))
    servers_before = serve_processes()
    fault("kill", "deploy-service")
    fault("start")
    # The restore check runs 5 s after the start, then every 10 s: by then it would have replaced a
    # server it did not adopt.
    time.sleep(8)
    after = owner.call("GET", f"{lab.DEPLOY}/projects/{pid}/deployments/latest")["latest"]
    alive = os.path.exists(f"/proc/{server['pid']}")
    say(f"deploy-service killed: model servers before {len(servers_before)}, after {len(serve_processes())}; "
        f"the project's server pid {server['pid']} alive: {alive}; latest deployment "
        f"{after['number']} {after['state']}")
    check(serve_processes() == servers_before, "the same model server processes run (none orphaned, none added)")
    check(after["number"] == latest["number"], "no deployment was needed to restore the server")

    # 6. The model server killed during a pre-annotation: the run follows the restored server and succeeds.
    bulk = [{"text": f"{text} [bulk {i}]"} for i in range(4) for text, _ in sentences]
    owner.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=json&tag=bulk", bulk)
    started = lab.wait(lambda: lab.start_preannotation(owner, pid, "bulk"), 60, "pre-annotation to be allowed")
    url = f"{lab.PREANNOTATION}/preannotations/{started['id']}"
    lab.wait(lambda: owner.call("GET", url)["progress"]["done"] >= 100, 120, "100 tasks pre-annotated")
    os.kill(server["pid"], 9)
    killed = time.time()
    at = owner.call("GET", url)
    say(f"model server (pid {server['pid']}) killed at {at['progress']['done']} tasks done")
    check(at["state"] == "RUNNING" and at["progress"]["done"] < len(bulk), "the server was killed while the run was under way")
    ended = lab.wait(lambda: lab.ended(owner, url, FINAL), 600, "the pre-annotation to end")
    restored = owner.call("GET", f"{lab.DEPLOY}/projects/{pid}/deployments/latest")["latest"]
    say(f"pre-annotation {ended['state']}: {ended['progress']['done']}/{ended['progress']['total']} done, "
        f"{ended['progress']['failed']} failed, {time.time() - killed:.1f} s after the kill; server restored by deployment "
        f"{restored['number']} ({restored['trigger']})")
    check(ended["state"] == "SUCCEEDED" and ended["progress"]["done"] == len(bulk), "every task pre-annotated")
    sample = lab.tasks(owner, pid, "bulk")[::97]
    counts = [len([p for p in owner.call("GET", f"{lab.ANNOTATION}/projects/{pid}/tasks/{t['id']}/predictions")
                   if p["model"] == model]) for t in sample]
    check(all(c == 1 for c in counts), f"one prediction per task ({len(sample)} sampled)")
    say(f"fault tests passed in {time.time() - STARTED:.0f} s")


def serve_processes():
    """Pids of the nlp-runner model servers of this platform's model store."""
    store = os.path.join(LAB_HOME, "models")
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = open(f"/proc/{entry}/cmdline", "rb").read().split(b"\0")
            except OSError:
                continue
            if b"serve" in cmd and any(store.encode() in part for part in cmd):
                found.append(int(entry))
    return sorted(found)


if __name__ == "__main__":
    try:
        main()
    except (lab.ApiError, RuntimeError, TimeoutError, AssertionError, subprocess.CalledProcessError) as e:
        print(f"\nfault test failed: {e}", file=sys.stderr)
        sys.exit(1)
