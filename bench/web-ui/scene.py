#!/usr/bin/env python3
"""The data of the web UI benchmarks (issue 22), made through the gateway's REST API, and the API-side
measurements (the task list's requests, submits without a browser).

Usage (the shell scripts beside it call it; the platform is up, `./lab up`):
  scene.py annotate N            a project of N tasks assigned to anna, each with a 2-span prediction;
                                 prints {"project", "tasks": [{"id", "text"}], "spans": 2}
  scene.py tasklist N            a project of N text tasks imported in one request, with predictions,
                                 tags, assignments and anna's submitted completions (some reviewed);
                                 prints {"project", "tasks", ...counts}
  scene.py list-api PROJECT RUNS REQUESTS
                                 the task list's requests (plain, filtered, deep pages, counts),
                                 REQUESTS times each a run over one keep-alive connection
  scene.py submit-api PROJECT RUNS N
                                 N submits of anna's a run (POST .../completions, submit: true) on
                                 tasks of her queue, one at a time over one keep-alive connection
  scene.py vacuum                VACUUM ANALYZE of annotation-service's database (autovacuum is off here)
  scene.py delete PROJECT        deletes a project made by annotate

Measurements print a JSON line per run (also appended to BENCH_RESULTS when set, with BENCH_COMMIT)
and their summary on stderr.

Tokens come from `./lab token USER` (the demo users' password: lab), refreshed every 10 minutes.
Settings: LAB_GATEWAY_URL (http://127.0.0.1:8080), BENCH_DATA (demo/data/ncbi-disease/train.tsv).
"""
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
GATEWAY = os.environ.get('LAB_GATEWAY_URL', 'http://127.0.0.1:8080').rstrip('/')
DATA = os.environ.get('BENCH_DATA', os.path.join(ROOT, 'demo', 'data', 'ncbi-disease', 'train.tsv'))
CONFIG = ('<View><Labels name="label" toName="text"><Label value="Chemical"/><Label value="Disease"/></Labels>'
          '<Text name="text" value="$text"/></View>')
MODEL, VERSION = 'bench_ner', '1'


def log(*args):
    print(*args, file=sys.stderr, flush=True)


class Api:
    """One keep-alive connection to the gateway as one user; a fresh token every 10 minutes."""

    def __init__(self, user):
        self.user = user
        self.token, self.at = None, 0
        url = urlsplit(GATEWAY)
        self.host, self.port = url.hostname, url.port or 80
        self.conn = None

    def bearer(self):
        if time.monotonic() - self.at > 600:
            self.token = subprocess.run([os.path.join(ROOT, 'lab'), 'token', self.user], check=True,
                                        capture_output=True, text=True).stdout.strip()
            self.at = time.monotonic()
        return self.token

    def timed(self, method, path, body=None, type_='application/json', expect=(200,), extra=None):
        """(status, parsed body, seconds from sending to the whole answer read)."""
        headers = {'Authorization': 'Bearer ' + self.bearer(), 'Accept': 'application/json', **(extra or {})}
        if body is not None:
            headers['Content-Type'] = type_
            body = body if isinstance(body, (bytes, str)) else json.dumps(body)
            body = body.encode() if isinstance(body, str) else body
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=600)
            try:
                start = time.perf_counter()
                self.conn.request(method, '/api' + path, body=body, headers=headers)
                response = self.conn.getresponse()
                raw = response.read()
                took = time.perf_counter() - start
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        if response.status not in expect:
            raise SystemExit(f'{method} {path} answered {response.status}, not {expect}: {raw[:500]!r}')
        return response.status, (json.loads(raw) if raw else None), took

    def call(self, method, path, body=None, type_='application/json', expect=(200,)):
        return self.timed(method, path, body, type_, expect)[1]


# ------------------------------------------------------------------------------------- the data

def sentences():
    """The corpus's sentences, as tokens joined by single spaces (so a token's offsets are known)."""
    out, tokens = [], []
    with open(DATA, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip():
                if tokens:
                    out.append(tokens)
                tokens = []
            else:
                tokens.append(line.split('\t')[0])
    if tokens:
        out.append(tokens)
    return [t for t in out if len(t) >= 5]


def two_spans(text):
    """A prediction of two regions: the first word (Chemical) and the third (Disease)."""
    words = text.split(' ')
    second = len(words[0]) + 1 + len(words[1]) + 1
    return [{'start': 0, 'end': len(words[0]), 'label': 'Chemical', 'confidence': 0.6},
            {'start': second, 'end': second + len(words[2]), 'label': 'Disease', 'confidence': 0.9}]


def new_project(olivia, prefix):
    name = f'{prefix} {uuid.uuid4().hex[:8]}'
    project = olivia.call('POST', '/projects', {'name': name, 'description': 'made by bench/web-ui'}, expect=(201,))['id']
    olivia.call('PUT', f'/projects/{project}/labeling-config', CONFIG, 'application/xml')
    for user, role in (('anna', 'ANNOTATOR'), ('rita', 'REVIEWER')):
        olivia.call('POST', f'/projects/{project}/members', {'username': user, 'role': role}, expect=(201,))
    # annotation-service learns of the project, its labels and members from project-service's events.
    deadline = time.monotonic() + 60
    while olivia.timed('GET', f'/annotations/projects/{project}/tasks?size=1', expect=(200, 403, 404))[0] != 200:
        if time.monotonic() > deadline:
            raise SystemExit(f'annotation-service does not know project {project} after 60 s')
        time.sleep(0.2)
    log(f'project "{name}": {project}')
    return project


def all_tasks(api, project, query=None):
    """Every task of the list (id, text) in import order, 500 a page."""
    out, page = [], 0
    while True:
        answer = api.call('GET', f'/annotations/projects/{project}/tasks?'
                          + urlencode({**(query or {}), 'page': page, 'size': 500}))
        out += [{'id': t['id'], 'text': t['text']} for t in answer['items']]
        if (page + 1) * 500 >= answer['total']:
            return out
        page += 1


def store_predictions(olivia, project, tasks):
    """Each task's 2-span prediction, 5,000 a request. The labels are accepted once annotation-service
    has the labeling config (an event after the project's): until then the first batch is retried."""
    deadline = time.monotonic() + 60
    for i in range(0, len(tasks), 5000):
        batch = {'model': MODEL, 'modelVersion': VERSION,
                 'predictions': [{'taskId': t['id'], 'score': 0.75, 'spans': two_spans(t['text'])} for t in tasks[i:i + 5000]]}
        while olivia.timed('PUT', f'/annotations/projects/{project}/predictions', batch, expect=(200, 422))[0] != 200:
            if time.monotonic() > deadline:
                raise SystemExit('annotation-service does not accept the labels Chemical and Disease after 60 s')
            time.sleep(0.2)


def annotate_scene(n):
    """A project of n distinct short tasks, all assigned to anna (rita reviews), each predicted."""
    olivia = Api('olivia')
    project = new_project(olivia, 'bench annotate')
    corpus = sentences()
    texts = [' '.join(corpus[i % len(corpus)]) + f' ({i + 1})' for i in range(n)]
    olivia.call('POST', f'/annotations/projects/{project}/tasks/import?format=json', [{'text': t} for t in texts])
    tasks = all_tasks(olivia, project)
    store_predictions(olivia, project, tasks)
    olivia.call('PUT', f'/annotations/projects/{project}/tasks/assignment',
                {'filter': {}, 'assignee': 'anna', 'reviewer': 'rita'})
    print(json.dumps({'project': project, 'tasks': tasks, 'spans': 2}))


def tasklist_scene(n):
    """
    n text tasks in one import; predictions on every 5th (batches of 5,000); every 40th assigned
    to anna (rita reviews) and submitted by her, olivia accepting every 5th and rejecting every 7th
    of those; tags 'predicted' (by filter), 'batch-2' (every 10th, by ids) and 'annotated' (by
    filter); the 'batch-2' tasks assigned to anna too.
    """
    olivia, anna = Api('olivia'), Api('anna')
    project = new_project(olivia, 'bench task list')
    corpus = sentences()
    body = '\n'.join(' '.join(corpus[i % len(corpus)]) for i in range(n)) + '\n'
    _, result, took = olivia.timed('POST', f'/annotations/projects/{project}/tasks/import?format=text', body, 'text/plain')
    log(f'imported {result["imported"]} tasks in {took:.1f} s')
    start = time.perf_counter()
    tasks = all_tasks(olivia, project)
    log(f'listed all {len(tasks)} task ids in {time.perf_counter() - start:.1f} s (pages of 500)')
    predicted = tasks[::5]
    start = time.perf_counter()
    store_predictions(olivia, project, predicted)
    log(f'{len(predicted)} predictions stored in {time.perf_counter() - start:.1f} s')
    annotated = tasks[3::40]
    for i in range(0, len(annotated), 5000):
        olivia.call('PUT', f'/annotations/projects/{project}/tasks/assignment',
                    {'taskIds': [t['id'] for t in annotated[i:i + 5000]], 'assignee': 'anna', 'reviewer': 'rita'})

    def submit(task):
        api = Api('anna')
        api.token, api.at = anna.bearer(), anna.at
        status, completion, _ = api.timed('POST', f'/annotations/projects/{project}/tasks/{task["id"]}/completions',
                                          {'spans': two_spans(task['text']), 'submit': True}, expect=(201,))
        return completion['id']

    with ThreadPoolExecutor(4) as pool:
        completions = list(pool.map(submit, annotated))
    reviewed = 0
    for i, completion in enumerate(completions):
        if i % 5 == 0 or i % 7 == 0:
            olivia.call('POST', f'/annotations/projects/{project}/completions/{completion}/review',
                        {'status': 'ACCEPTED' if i % 5 == 0 else 'REJECTED'})
            reviewed += 1
    log(f'{len(annotated)} completions submitted by anna, {reviewed} reviewed')
    tag = lambda body: olivia.call('POST', f'/annotations/projects/{project}/tasks/tags', body)['tasks']
    tagged = {'predicted': tag({'filter': {'predictions': 'any'}, 'add': ['predicted']}),
              'batch-2': tag({'taskIds': [t['id'] for t in tasks[1::10]], 'add': ['batch-2']}),
              'annotated': tag({'filter': {'completion': 'submitted'}, 'add': ['annotated']})}
    assigned = olivia.call('PUT', f'/annotations/projects/{project}/tasks/assignment',
                           {'filter': {'tag': 'batch-2'}, 'assignee': 'anna'})['tasks']
    log(f'tagged {tagged}; {assigned} more assigned to anna')
    print(json.dumps({'project': project, 'tasks': len(tasks), 'predicted': len(predicted),
                      'submitted': len(annotated), 'reviewed': reviewed, 'tagged': tagged}))


# ---------------------------------------------------------------------------------- measurements

def percentile(values, p):
    """Nearest rank: the smallest value with at least p % of the values at or below it."""
    s = sorted(values)
    return s[max(0, -(-len(s) * p // 100) - 1)]


def summary(ms):
    return {'n': len(ms), 'p50': round(statistics.median(ms), 1), 'p95': round(percentile(ms, 95), 1),
            'p99': round(percentile(ms, 99), 1), 'max': round(max(ms), 1)}


def over_runs(runs, key):
    """'52.7 ms (48.1–60.2)': the median of the runs' figures and their range."""
    values = [r[key] for r in runs]
    return f'{statistics.median(values):.1f} ms ({min(values):.1f}–{max(values):.1f})'


def record(bench, figures):
    """One JSON line on stdout and in BENCH_RESULTS (if set), with the commit measured."""
    line = json.dumps({'bench': bench, 'commit': os.environ.get('BENCH_COMMIT', '?'), 'url': GATEWAY, 'figures': figures})
    print(line)
    if os.environ.get('BENCH_RESULTS'):
        with open(os.environ['BENCH_RESULTS'], 'a', encoding='utf-8') as f:
            f.write(line + '\n')


def list_api(project, runs, requests):
    """
    Each request of the task list (50 a page), as olivia: per run, 3 untimed then `requests` timed,
    over one keep-alive connection (time from sending to the whole answer read).
    """
    olivia = Api('olivia')
    base = f'/annotations/projects/{project}/tasks'
    total = olivia.call('GET', f'{base}?size=1')['total']
    predicted = olivia.call('GET', f'{base}?tag=predicted&size=1')['total']
    cases = {
        'page 1': {},
        'page 2': {'page': 1},
        'middle page': {'page': (total - 1) // 100},
        'last page': {'page': (total - 1) // 50},
        'tag=predicted': {'tag': 'predicted'},
        'tag=predicted, last page': {'tag': 'predicted', 'page': (predicted - 1) // 50},
        'predictions=any': {'predictions': 'any'},
        'predictions=none': {'predictions': 'none'},
        'completion=none': {'completion': 'none'},
        'completion=awaiting-review': {'completion': 'awaiting-review'},
        'completion=accepted': {'completion': 'accepted'},
        'assignee=anna': {'assignee': 'anna'},
        'tag=batch-2, completion=none': {'tag': 'batch-2', 'completion': 'none'},
        'tag=predicted, completion=none, sort=assignee': {'tag': 'predicted', 'completion': 'none', 'sort': 'assignee'},
    }
    paths = {name: f'{base}?' + urlencode({**q, 'size': 50}) for name, q in cases.items()}
    paths['counts'] = f'{base}/counts'
    per_run = {name: [] for name in paths}
    matched = {}
    for run in range(1, runs + 1):
        figures = {}
        for name, path in paths.items():
            for _ in range(3):
                olivia.timed('GET', path)
            times = []
            for _ in range(requests):
                _, answer, took = olivia.timed('GET', path)
                times.append(took * 1000)
            matched[name] = answer.get('total') if 'items' in answer else answer.get('tasks')
            figures[name] = {**summary(times), 'tasks': matched[name]}
            per_run[name].append(figures[name])
        record('task-list-api', {'project': project, 'run': run, 'requests': requests, 'cases': figures})
    log(f'task list API, {runs} runs of {requests} requests a case; median of the runs (range):')
    for name, results in per_run.items():
        log(f'  {name:47s} p50 {over_runs(results, "p50"):24s} p95 {over_runs(results, "p95"):24s} ({matched[name]} tasks)')


def submit_api(project, runs, n):
    """
    anna submits 2 spans on n tasks of her queue (not yet completed) a run, one at a time over one
    keep-alive connection, after 10 untimed: the service and the gateway without a browser. Each
    with an Idempotency-Key, as the Annotate screen sends, and BENCH_GAP seconds (0.3) after the
    previous answer, about the browser loop's pace (back to back, a submit takes half the time: the
    service's threads and the CPUs never go idle).
    """
    gap = float(os.environ.get('BENCH_GAP', '0.3'))
    anna = Api('anna')
    queue = all_tasks(anna, project, {'assignee': 'anna', 'completion': 'none'})
    if len(queue) < runs * (n + 10):
        raise SystemExit(f'only {len(queue)} tasks left in anna\'s queue, {runs * (n + 10)} needed')
    results = []
    for run in range(runs):
        times = []
        for i, task in enumerate(queue[run * (n + 10):(run + 1) * (n + 10)]):
            _, _, took = anna.timed('POST', f'/annotations/projects/{project}/tasks/{task["id"]}/completions',
                                    {'spans': two_spans(task['text']), 'submit': True}, expect=(201,),
                                    extra={'Idempotency-Key': str(uuid.uuid4())})
            if i >= 10:
                times.append(took * 1000)
            time.sleep(gap)
        results.append(summary(times))
        record('submit-api', {'project': project, 'run': run + 1, 'gap': gap, 'submits': results[-1]})
        log(f'run {run + 1}: {results[-1]}')
    log(f'submits without a browser, {runs} runs of {n}: p50 {over_runs(results, "p50")}, p99 {over_runs(results, "p99")}')


def vacuum():
    """
    VACUUM ANALYZE of annotation-service's database, as bench/preannotation-service/p2.py does: this
    machine's PostgreSQL runs with autovacuum off, and the service analyzes only after an import,
    so the tags, predictions and completions added afterwards are unknown to the planner. A normal
    server's autovacuum does this within its one-minute nap.
    """
    db = 'annotation_service'
    subprocess.run(['psql', '-h', os.environ.get('LAB_PG_HOST', '127.0.0.1'), '-p', os.environ.get('LAB_PG_PORT', '5432'),
                    '-U', db, '-d', db, '-qc', 'vacuum analyze'], check=True, stderr=subprocess.DEVNULL,
                   env=dict(os.environ, PGPASSWORD=db))


def delete(project):
    Api('olivia').call('DELETE', f'/projects/{project}', expect=(204,))


if __name__ == '__main__':
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ('help', [])
    if command == 'annotate':
        annotate_scene(int(args[0]))
    elif command == 'tasklist':
        tasklist_scene(int(args[0]))
    elif command == 'list-api':
        list_api(args[0], int(args[1]), int(args[2]))
    elif command == 'submit-api':
        submit_api(args[0], int(args[1]), int(args[2]))
    elif command == 'vacuum':
        vacuum()
    elif command == 'delete':
        delete(args[0])
    else:
        print(__doc__)
        sys.exit(0 if command in ('help', '-h', '--help') else 2)
