"""A small client of the platform `./lab up` runs, shared by `./lab demo`, the fault and bad-input
tests (demo/) and the benchmarks (bench/): real Keycloak tokens (`./lab token`), the five services
on 127.0.0.1:8081-8085. Standard library only."""
import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from datetime import datetime

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
# The NCBI-disease subset kept in the repository (demo/data, with its SOURCE.md): a clone alone runs
# the demo, the end-to-end test and the benchmarks. LAB_DATASETS points elsewhere (e.g. the full corpus).
DATASETS = os.environ.get("LAB_DATASETS", os.path.join(ROOT, "demo", "data"))
# ./lab's LAB_PORT_BASE: the five services listen on it and the four ports after it.
_BASE = int(os.environ.get("LAB_PORT_BASE", "8081"))
PROJECT, ANNOTATION, TRAINING, DEPLOY, PREANNOTATION = (f"http://127.0.0.1:{p}" for p in range(_BASE, _BASE + 5))
CONFIG = '<View><Labels name="label" toName="text"><Label value="Disease"/></Labels><Text name="text" value="$text"/></View>'


class ApiError(Exception):
    def __init__(self, method, url, status, body):
        super().__init__(f"{method} {url} -> {status}: {body[:500]}")
        self.status = status
        self.body = body


def token(user="olivia"):
    return subprocess.run([os.path.join(ROOT, "lab"), "token", user], check=True, capture_output=True,
                          text=True).stdout.strip().splitlines()[-1]


class Session:
    """Calls as one user; the token is fetched again before it expires."""

    def __init__(self, user):
        self.user = user
        self._token, self._at = None, 0

    def bearer(self):
        if time.time() - self._at > 600:
            self._token, self._at = token(self.user), time.time()
        return self._token

    def call(self, method, url, body=None, content_type="application/json", timeout=600, headers=None, answer=None):
        """The parsed answer; extra request `headers`; the response's headers copied into `answer` (a dict) if given."""
        data = None if body is None else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
        request = urllib.request.Request(url, data=data, method=method, headers={
            "Authorization": "Bearer " + self.bearer(), "Content-Type": content_type, **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if answer is not None:
                    answer.update({k.lower(): v for k, v in response.headers.items()})
                text = response.read().decode()
                return json.loads(text) if text[:1] in ("{", "[") else text
        except urllib.error.HTTPError as e:
            raise ApiError(method, url, e.code, e.read().decode()) from None


def conll_blocks(path, n=None):
    """Sentences of a token<TAB>tag file, as lists of lines."""
    blocks, current = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                current.append(line.rstrip("\n"))
            elif current:
                blocks.append(current)
                current = []
                if n and len(blocks) == n:
                    break
    if current and (not n or len(blocks) < n):
        blocks.append(current)
    return blocks


def gold(block, label="Disease"):
    """(text, spans): tokens joined by single spaces, the BIO tags as character spans."""
    text, spans, open_span = "", [], None
    for line in block:
        columns = line.split("\t")
        tok, tag = columns[0], columns[-1]
        if text:
            text += " "
        start = len(text)
        text += tok
        if tag.startswith("B-") or (tag.startswith("I-") and open_span is None):
            if open_span:
                spans.append(open_span)
            open_span = {"start": start, "end": len(text), "label": label}
        elif tag.startswith("I-"):
            open_span["end"] = len(text)
        else:
            if open_span:
                spans.append(open_span)
            open_span = None
    if open_span:
        spans.append(open_span)
    return text, spans


def wait(condition, seconds, what, interval=0.3):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {seconds} s waiting for {what}")


def ts(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def entity_f1(gold_spans, predicted_spans):
    """Exact-span entity F1 over parallel lists of span lists."""
    tp = fp = fn = 0
    for g, p in zip(gold_spans, predicted_spans):
        gs = {(s["start"], s["end"], s["label"]) for s in g}
        ps = {(s["start"], s["end"], s["label"]) for s in p}
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def ok(session, url):
    """Whether a GET succeeds (e.g. a service knows the project yet)."""
    try:
        session.call("GET", url)
        return True
    except ApiError:
        return False


def tasks(session, project_id, tag=None):
    """Every task of a project (with the tag), paging through annotation-service."""
    found, page = [], 0
    while True:
        rows = session.call("GET", f"{ANNOTATION}/projects/{project_id}/tasks?size=500&page={page}"
                            + (f"&tag={tag}" if tag else ""))["items"]
        found += rows
        if len(rows) < 500:
            return found
        page += 1


def deployed(session, project_id, model):
    """The latest deployment once it is READY with the model (None before); fails on FAILED."""
    try:
        latest = session.call("GET", f"{DEPLOY}/projects/{project_id}/deployments/latest")["latest"]
    except ApiError:
        return None
    if latest["state"] == "FAILED":
        raise RuntimeError(f"deployment FAILED: {latest['reason']}: {latest['message']}")
    return latest if latest["state"] == "READY" and model in [m["name"] for m in latest["models"]] else None


def start_preannotation(session, project_id, tag):
    """A pre-annotation run over the tasks with the tag, or None while the project is busy (409)."""
    try:
        return session.call("POST", f"{PREANNOTATION}/projects/{project_id}/preannotations", {"tag": tag})
    except ApiError as e:
        if e.status == 409:
            return None
        raise


def train_now(session, project_id, body):
    """Train Now (body: deploy, tags, parameter overrides), or None while the project is busy (409)."""
    try:
        return session.call("POST", f"{TRAINING}/projects/{project_id}/trainings", body)
    except ApiError as e:
        if e.status == 409:
            return None
        raise


def ended(session, url, states):
    """The resource at url once its state is one of states, else None."""
    body = session.call("GET", url)
    return body if body["state"] in states else None
