#!/usr/bin/env python3
"""Bad input against every writing endpoint and the list parameters of a running platform (issue 20),
run by `./lab test` on the end-to-end platform: malformed and non-strict JSON, a NUL in every string,
numbers of the wrong kind, wrong types, bodies too large or too deep, hostile XML, parameters out of
range. Every answer must be a 4xx problem+json; prints how many were tried and how they were answered,
and fails on any 2xx (silently accepted) or 5xx.

  python3 demo/bad_inputs.py      (inside ./lab e2e; uses LAB_PORT_BASE of that platform)
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
import labclient as lab  # noqa: E402


def send(session, method, url, body, content_type="application/json", headers=None):
    data = body if isinstance(body, bytes) else body.encode("utf-8", "surrogatepass")
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": "Bearer " + session.bearer(), "Content-Type": content_type, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", "")
    except (urllib.error.URLError, ConnectionError) as e:
        # The service answered and closed the connection while a large body was still being sent:
        # refused before it was read, the answer lost to the client.
        return 413 if len(data) > (1 << 20) else 0, "closed: " + str(e)


def leaves(value, path=()):
    """(path, leaf) of every string, number and boolean in a JSON value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, path + (i,))
    else:
        yield path, value


def replaced(value, path, new):
    if not path:
        return new
    copy = json.loads(json.dumps(value))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return copy


def mutations(valid, optional):
    """Bodies derived from a valid one that no endpoint may accept, each with its name (no body at all
    is valid where the body is optional: Train Now with the project's defaults, a pre-annotation of the whole project)."""
    text = json.dumps(valid)
    first = next(iter(valid))
    yield "text after the object", text + " garbage"
    yield "a duplicate key", "{" + json.dumps(first) + ": " + json.dumps(valid[first]) + ", " + text[1:]
    yield "an unknown field", json.dumps({**valid, "zzUnknown": 1})
    yield "an array instead of the object", "[]"
    if not optional:
        yield "an empty body", ""
        yield "null", "null"
    yield "nesting 5000 deep", "[" * 5000 + "]" * 5000
    yield "2 MB", json.dumps({**valid, "pad": "x" * (2 << 20)})
    for path, leaf in leaves(valid):
        where = ".".join(map(str, path))
        if isinstance(leaf, bool):
            yield f"{where} as the string \"true\"", json.dumps(replaced(valid, path, "true"))
        elif isinstance(leaf, int):
            yield f"{where} as 2.5", json.dumps(replaced(valid, path, 2.5))
            yield f"{where} as a string", json.dumps(replaced(valid, path, str(leaf)))
        elif isinstance(leaf, float):
            yield f"{where} as a string", json.dumps(replaced(valid, path, str(leaf)))
            yield f"{where} as 1e309", json.dumps(replaced(valid, path, 12345.0)).replace("12345.0", "1e309")
        elif isinstance(leaf, str):
            yield f"{where} with a NUL", json.dumps(replaced(valid, path, leaf[:1] + "\u0000" + leaf[1:]))


class Tally:
    """What the bad bodies were answered; each must be refused with a 4xx problem+json."""

    def __init__(self):
        self.answers, self.accepted, self.failures = Counter(), [], []

    def body(self, what, status, content_type):
        self.answers[status] += 1
        if os.environ.get("BAD_INPUTS_VERBOSE"):
            print(f"  {status} {what}")
        if status < 400:
            self.accepted.append(f"{what}: {status}")
        elif status >= 500 or ("problem+json" not in content_type and not content_type.startswith("closed:")):
            self.failures.append(f"{what}: {status} {content_type}")


def main():
    owner, annotator = lab.Session("olivia"), lab.Session("anna")
    project = owner.call("POST", f"{lab.PROJECT}/projects", {"name": f"bad inputs {time.strftime('%H:%M:%S')}"})
    pid = project["id"]
    owner.call("PUT", f"{lab.PROJECT}/projects/{pid}/labeling-config", lab.CONFIG, "application/xml")
    owner.call("POST", f"{lab.PROJECT}/projects/{pid}/members", {"username": "anna", "role": "ANNOTATOR"})
    lab.wait(lambda: lab.ok(annotator, f"{lab.ANNOTATION}/projects/{pid}/tasks")
             and lab.ok(owner, f"{lab.TRAINING}/projects/{pid}/trainings/status")
             and lab.ok(owner, f"{lab.PREANNOTATION}/projects/{pid}/preannotations/context"), 60, "the services to learn the project")
    owner.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=json", [{"text": "Renal failure and fever ."}])
    task = lab.tasks(owner, pid)[0]["id"]
    owner.call("PUT", f"{lab.ANNOTATION}/projects/{pid}/tasks/assignment", {"taskIds": [task], "assignee": "anna"})
    completion = annotator.call("POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/{task}/completions",
                                {"spans": [{"start": 0, "end": 13, "label": "Disease"}], "submit": True})["id"]

    # (who, method, url, a valid body): the body mutated must never be accepted.
    endpoints = [
        (owner, "POST", f"{lab.PROJECT}/projects", {"name": "a valid name"}),
        (owner, "PUT", f"{lab.PROJECT}/projects/{pid}", {"name": "renamed"}),
        (owner, "POST", f"{lab.PROJECT}/projects/{pid}/members", {"username": "rita", "role": "REVIEWER"}),
        (owner, "PUT", f"{lab.PROJECT}/projects/{pid}/training-parameters", {"validationSplit": 0.2, "epochs": 2,
         "learningRate": 0.003, "decay": 0.005, "dropout": 0.5, "batchSize": 16}),
        (owner, "PUT", f"{lab.PROJECT}/projects/{pid}/active-learning", {"enabled": True, "everyNCompletions": 50,
         "deployAfterTraining": False}),
        (annotator, "POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/{task}/completions",
         {"spans": [{"start": 0, "end": 5, "label": "Disease"}], "submit": False}),
        (owner, "POST", f"{lab.ANNOTATION}/projects/{pid}/completions/{completion}/review", {"status": "ACCEPTED", "comment": "ok"}),
        (owner, "PUT", f"{lab.ANNOTATION}/projects/{pid}/tasks/assignment", {"taskIds": [task], "assignee": "anna"}),
        (owner, "POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/tags", {"taskIds": [task], "add": ["t1"]}),
        (owner, "PUT", f"{lab.ANNOTATION}/projects/{pid}/test-set/settings", {"tag": "held-out"}),
        (owner, "PUT", f"{lab.ANNOTATION}/projects/{pid}/predictions", {"model": "m_ner_v1", "modelVersion": "1",
         "predictions": [{"taskId": task, "score": 0.5, "spans": [{"start": 0, "end": 5, "label": "Disease"}]}]}),
        (owner, "POST", f"{lab.TRAINING}/projects/{pid}/trainings", {"epochs": 1, "tags": ["t1"], "deploy": False}),
        (owner, "POST", f"{lab.PREANNOTATION}/projects/{pid}/preannotations", {"tag": "t1", "taskIds": [task]}),
    ]
    tally = Tally()
    for who, method, url, valid in endpoints:
        for name, body in mutations(valid, url.endswith(("/trainings", "/preannotations"))):
            tally.body(f"{method} {url.split('/', 3)[-1]} with {name}", *send(who, method, url, body))

    # The creating POSTs with a valid body and an Idempotency-Key that is no key: refused before any write.
    creating = [e for e in endpoints if e[1] == "POST" and e[2].endswith(("/completions", "/trainings", "/preannotations"))]
    creating += [(owner, "POST", f"{lab.DEPLOY}/projects/{pid}/deployments", None),
                 (owner, "POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format=json", [{"text": "gout"}])]
    for who, method, url, valid in creating:
        for name, key in {"empty": "", "a space": "two words", "256 characters": "k" * 256, "non-ASCII": "cl\u00e9"}.items():
            tally.body(f"{method} {url.split('/', 3)[-1]} with an Idempotency-Key of {name}",
                       *send(who, method, url, b"" if valid is None else json.dumps(valid), headers={"Idempotency-Key": key}))

    hostile_xml = {
        "empty": "", "unclosed": "<View><Labels>", "a NUL": "<View>\u0000</View>",
        "an external entity": '<?xml version="1.0"?><!DOCTYPE v [<!ENTITY x SYSTEM "file:///etc/passwd">]><View>&x;</View>',
        "entity expansion": '<?xml version="1.0"?><!DOCTYPE v [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><View>&d;</View>',
        "2 MB": "<View>" + "<Text name='t' value='$text'/>" * 70000 + "</View>",
    }
    for name, xml in hostile_xml.items():
        tally.body(f"labeling config with {name}",
                   *send(owner, "PUT", f"{lab.PROJECT}/projects/{pid}/labeling-config", xml, "application/xml"))

    imports = {"json": ["[{\"text\": \"a\\u0000b\"}]", "[{\"text\": 5}]", "{\"text\": \"x\"}", "[{\"text\": \"x\"}] trailing",
                        "[{\"text\": \"x\", \"text\": \"y\"}]"],
               "text": [b"a\x00b\n", b"\xff\xfe\x00\x00"], "conll": ["renal\tB-Nope\nfail\u0000ure\tO\n"]}
    for fmt, bodies in imports.items():
        for body in bodies:
            tally.body(f"import {fmt} {body[:30]!r}",
                       *send(owner, "POST", f"{lab.ANNOTATION}/projects/{pid}/tasks/import?format={fmt}", body, "text/plain"))

    params, failures = Counter(), tally.failures
    # Parameters: only "no 5xx" (a page past the end is a valid, empty page).
    lists = [f"{lab.PROJECT}/projects", f"{lab.ANNOTATION}/projects/{pid}/tasks", f"{lab.TRAINING}/projects/{pid}/trainings",
             f"{lab.DEPLOY}/projects/{pid}/deployments", f"{lab.PREANNOTATION}/projects/{pid}/preannotations",
             f"{lab.DEPLOY}/models"]
    for url in lists:
        for query in ("page=-1", "size=0", "size=100000", "page=2147483647&size=500", "sort=zzz", "sort=", "q=%00",
                      "tag=%00", "project=%00", "page=abc", "size=1e3"):
            status, _ = send(owner, "GET", f"{url}?{query}", b"")
            params[status] += 1
            if status >= 500:
                failures.append(f"GET {url.split('/', 3)[-1]}?{query}: {status}")
    for url in (f"{lab.ANNOTATION}/projects/not-a-uuid/tasks", f"{lab.TRAINING}/trainings/%00",
                f"{lab.DEPLOY}/models/a%00b", f"{lab.PROJECT}/projects/{'9' * 5000}"):
        status, _ = send(owner, "GET", url, b"")
        params[status] += 1
        if status >= 500 or status < 400:
            failures.append(f"GET {url[:80]}: {status}")

    answers = tally.answers + params
    print(f"bad inputs: {sum(answers.values())} tried, 4xx {sum(n for s, n in answers.items() if 400 <= s < 500)}, "
          f"5xx {sum(n for s, n in answers.items() if s >= 500)}")
    print(f"  bodies (JSON, XML, imports): {sum(tally.answers.values())}, answered "
          + ", ".join(f"{s}×{n}" for s, n in sorted(tally.answers.items())))
    print(f"  parameters: {sum(params.values())}, answered " + ", ".join(f"{s}×{n}" for s, n in sorted(params.items()))
          + " (a 200 is a valid answer there: e.g. an empty page past the end)")
    accepted = tally.accepted
    for line in accepted:
        print("  accepted: " + line)
    for line in failures:
        print("  not a 4xx problem: " + line)
    if accepted or failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
