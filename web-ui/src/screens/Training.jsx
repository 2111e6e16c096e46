// Training: Train Now (with the project's defaults prefilled, ranges checked next to each field),
// the run in progress (phase, epoch k of n, loss), the history, a run's scores and log, and the
// project's learning curve.
// The status is polled every 2 s: the services' server-sent events need the bearer token in a
// header, which the browser's EventSource cannot send, and a poll of the status the button follows
// costs one small GET. The service's 409 stays the authority: the button follows its status.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, actionKey, api, get, getText, query } from '../api.js';
import { may, whyNot } from '../roles.js';
import { GATE_NAMES, PARAMETERS, PHASE_NAMES, REASON_NAMES, STATE_NAMES, rangeErrors } from '../training.js';
import { Banner, Field, Loading, Pager, counted, formatTime, usePagedList } from '../ui.jsx';

const POLL_MS = 2000;

export function Training({ user, projectId }) {
  const [project, setProject] = useState(null);
  const [error, setError] = useState(null);
  const [status, setStatus] = useState(null);
  const [selected, setSelected] = useState(null);
  useEffect(() => {
    get(`/projects/${projectId}`).then(setProject).catch(e => setError(e.message));
  }, [projectId]);
  useEffect(() => {
    let live = true;
    const poll = () => get(`/trainings/projects/${projectId}/trainings/status`)
      .then(s => live && setStatus(s)).catch(e => live && setError(e.message));
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => { live = false; clearInterval(timer); };
  }, [projectId]);
  const readable = project && may(project, user, 'READ_TRAINING');
  const gates = useGateDecisions(projectId, readable, status?.lastRun);
  if (error && !project) return <Banner error={error} />;
  if (!project || !status) return <Loading what="the project's training" />;
  const canTrain = may(project, user, 'TRAIN');
  // The history reloads when a run starts, moves on or ends.
  const changes = [status.activeRun?.id, status.activeRun?.state, status.activeRun?.phase, status.lastRun?.id].join();
  return (
    <section aria-labelledby="training-title">
      <p class="crumbs"><a href="#/projects">Projects</a> / {project.name}</p>
      <h1 id="training-title">Training of {project.name}</h1>
      <Banner error={error} onClose={() => setError(null)} />
      <TrainNow project={project} status={status} canTrain={canTrain} onQueued={run => setSelected(run.id)} />
      {status.activeRun && <Progress run={status.activeRun} canTrain={canTrain} onError={setError} />}
      {readable
        ? <History projectId={projectId} changes={changes} selected={selected} onSelect={setSelected} gates={gates} />
        : <p class="notice">{whyNot('READ_TRAINING')} You can see whether the project is training, not its runs.</p>}
      {readable && selected && <RunDetails runId={selected} changes={changes} gate={gates.byRun[selected]}
        canDeploy={may(project, user, 'DEPLOY')} projectId={projectId} onGateChange={gates.reload} />}
      {readable && <LearningCurve projectId={projectId} changes={status.lastRun?.id} />}
    </section>
  );
}

/** The Train Now form: the project's defaults, a tag filter, deploy or not; disabled with the reason. */
function TrainNow({ project, status, canTrain, onQueued }) {
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState({});
  const [sent, setSent] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    get(`/projects/${project.id}/training-parameters`)
      .then(d => setForm({ ...Object.fromEntries(PARAMETERS.map(p => [p.key, String(d[p.key])])), tags: '', deploy: false }))
      .catch(e => setErrors({ form: e.message }));
  }, [project.id]);
  if (!form) return <div class="card wide"><Banner error={errors.form} />{!errors.form && <Loading what="the training defaults" />}</div>;
  const set = key => e => {
    const value = e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value;
    setForm(f => ({ ...f, [key]: value }));
  };
  const blocked = !canTrain ? whyNot('TRAIN') : status.blockedBy ? status.blockedBy.detail : null;
  async function submit(e) {
    e.preventDefault();
    const curve = e.submitter?.id === 'train-curve-button';
    setSent(null);
    const local = rangeErrors(form);
    setErrors(local);
    if (Object.keys(local).length) return;
    const tags = form.tags.split(',').map(t => t.trim()).filter(Boolean);
    setBusy(true);
    try {
      const run = await api('POST', `/trainings/projects/${project.id}/trainings`, {
        ...Object.fromEntries(PARAMETERS.map(p => [p.key, Number(form[p.key])])),
        ...(tags.length ? { tags } : {}), ...(curve ? { curve: true } : { deploy: form.deploy }),
      }, 'application/json', { 'Idempotency-Key': actionKey() });
      setSent(curve ? `Train curve ${run.number} is queued: 25, 50, 75 and 100 % of the set.` : `Training run ${run.number} is queued.`);
      onQueued(run);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setErrors(Object.keys(err.fields).length ? err.fields : { form: err.message });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card wide" id="train-now" onSubmit={submit} noValidate>
      <h2>Train Now</h2>
      <p class="hint">The project's defaults, for this run only. {status.selectedCount} submitted
        completion{status.selectedCount === 1 ? ' is' : 's are'} in the training set.</p>
      <Banner error={errors.form} />
      {status.warning && !blocked && <p class="notice" id="train-warning">{status.warning.detail}</p>}
      <div class="grid">
        {PARAMETERS.map(p => (
          <Field key={p.key} id={`train-${p.key}`} label={p.label} error={errors[p.key]} hint={p.hint}>
            <input id={`train-${p.key}`} type="number" min={p.min} max={p.max} step={p.step} value={form[p.key]}
              aria-invalid={!!errors[p.key]} disabled={!canTrain}
              aria-describedby={errors[p.key] ? `train-${p.key}-error` : `train-${p.key}-hint`} onInput={set(p.key)} />
          </Field>))}
        <Field id="train-tags" label="Only tasks tagged" error={errors.tags ?? errors['tags[0]']}
          hint="Comma-separated; empty: every task. Test tasks are never trained on.">
          <input id="train-tags" value={form.tags} disabled={!canTrain} onInput={set('tags')} />
        </Field>
      </div>
      <label class="check"><input type="checkbox" id="train-deploy" checked={form.deploy} disabled={!canTrain}
        onChange={set('deploy')} /> Deploy the model when the training succeeds</label>
      <div class="row">
        <button type="submit" class="primary" id="train-now-button" disabled={!!blocked || busy}
          aria-describedby={blocked ? 'train-blocked' : undefined}>Train Now</button>
        <button type="submit" id="train-curve-button" disabled={!!blocked || busy}
          title="Trains on 25, 50, 75 and 100 % of the training set with these parameters and the same seed, and scores each on the test set: whether more annotation still pays. Never deployed by itself."
          aria-describedby={blocked ? 'train-blocked' : 'train-curve-hint'}>Train curve</button>
        {blocked ? <span class="hint" id="train-blocked">{blocked}</span>
          : <span class="hint" id="train-curve-hint">Train curve: 25, 50, 75 and 100 % of the set, each scored on the test set.</span>}
        {sent && <span class="saved" role="status">{sent}</span>}
      </div>
    </form>
  );
}

/** The run in progress: its phase, epoch k of n with the loss, and Cancel. */
function Progress({ run, canTrain, onError }) {
  const epochs = run.progress?.epochs;
  const epoch = run.progress?.epoch ?? 0;
  const phase = run.state === 'QUEUED' ? 'Waiting for a free training slot' : PHASE_NAMES[run.phase] ?? 'Running';
  async function cancel() {
    try {
      await api('DELETE', `/trainings/trainings/${run.id}`);
    } catch (e) {
      onError(e.message);
    }
  }
  return (
    <div class="card wide" id="active-run" aria-live="polite">
      <h2>Run {run.number}: {STATE_NAMES[run.state]}</h2>
      <p id="active-phase">{phase}{run.phase === 'TRAINING' && epochs
        ? ` — epoch ${epoch} of ${epochs}${run.progress.loss != null ? `, loss ${run.progress.loss.toFixed(3)}` : ''}` : ''}</p>
      {epochs && <progress max={epochs} value={epoch} aria-label={`epoch ${epoch} of ${epochs}`} />}
      {run.cancelRequested ? <p class="hint">Cancelling…</p>
        : <button class="danger" onClick={cancel} disabled={!canTrain} title={canTrain ? `Cancel run ${run.number}` : whyNot('TRAIN')}>
            Cancel run</button>}
    </div>
  );
}

/**
 * The quality gate's decisions on the project's runs (deploy-service), by run id. Fetched again
 * when a run ends, and every 2 s while the newest run asked to be deployed and has no decision yet
 * (deploy-service decides a moment after the run).
 */
function useGateDecisions(projectId, readable, lastRun) {
  const [byRun, setByRun] = useState({});
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    if (!readable) return undefined;
    let live = true;
    let tries = 0;
    let timer;
    const load = () => get(`/deployments/projects/${projectId}/quality-gate/decisions` + query({ size: 50 }))
      .then(page => {
        if (!live) return;
        const found = Object.fromEntries(page.items.map(d => [d.runId, d]));
        setByRun(found);
        const waiting = lastRun?.deploy && lastRun.state === 'SUCCEEDED' && !found[lastRun.id];
        if (waiting && ++tries < 30) timer = setTimeout(load, POLL_MS);
      })
      .catch(() => live && setByRun({}));
    load();
    return () => { live = false; clearTimeout(timer); };
  }, [projectId, readable, lastRun?.id, lastRun?.state, reloads]);
  return { byRun, reload: () => setReloads(n => n + 1) };
}

function History({ projectId, changes, selected, onSelect, gates }) {
  const { page, setPageNo, error } = usePagedList(
    pageNo => get(`/trainings/projects/${projectId}/trainings` + query({ page: pageNo, size: 10 })), [projectId, changes]);
  return (
    <div class="card wide">
      <h2>History</h2>
      <Banner error={error} />
      {page === null && !error ? <Loading what="the runs" /> : page && (page.items.length === 0
        ? <p class="empty">No training yet.</p>
        : <table class="list" id="runs">
            <thead><tr><th scope="col">Run</th><th scope="col">Outcome</th><th scope="col">Data</th>
              <th scope="col">Parameters</th><th scope="col">Took</th><th scope="col">F1</th></tr></thead>
            <tbody>{page.items.map(run => <RunRow key={run.id} run={run} gate={gates.byRun[run.id]} selected={run.id === selected}
              onSelect={onSelect} />)}</tbody>
          </table>)}
      <Pager page={page} onPage={setPageNo} label="Runs" />
    </div>
  );
}

function RunRow({ run, gate, selected, onSelect }) {
  const d = run.dataset ?? {};
  const p = run.parameters ?? {};
  return (
    <tr data-run={run.number} class={selected ? 'selected' : undefined}>
      <th scope="row"><button class="link" onClick={() => onSelect(run.id)} aria-pressed={selected}>Run {run.number}</button>
        <span class="sub">{run.trigger === 'ACTIVE_LEARNING' ? 'active learning'
          : run.trigger === 'CURVE' ? `train curve by ${run.requestedBy}` : `by ${run.requestedBy}`}, {formatTime(run.createdAt)}</span></th>
      <td class="outcome"><span class={`state ${run.state.toLowerCase()}`}>{STATE_NAMES[run.state]}</span>
        {run.reason && <span class="sub">{REASON_NAMES[run.reason] ?? run.reason}: {run.message}</span>}
        {run.model && <span class="sub">model {run.model.name}</span>}
        {gate && <span class={`sub gate ${gate.outcome.toLowerCase()}`}>{gate.overriddenBy
          ? `The quality gate refused it; ${gate.overriddenBy} deployed it anyway` : GATE_NAMES[gate.outcome]}</span>}</td>
      <td>{d.size == null ? '—' : `${d.size} completion${d.size === 1 ? '' : 's'}`}
        {d.spans != null && <span class="sub">{d.spans} spans, {d.spansAdjusted} snapped, {d.spansDropped} dropped</span>}</td>
      <td>{counted(p.epochs, 'epoch')}<span class="sub">rate {p.learningRate}, batch {p.batchSize}, seed {p.seed}</span></td>
      <td>{duration(run.startedAt, run.finishedAt)}</td>
      <td>{run.metrics?.test ? <>{pct(run.metrics.test.micro.f1)}<span class="sub">test set</span></>
        : run.metrics?.micro ? <>{pct(run.metrics.micro.f1)}<span class="sub">validation</span></> : '—'}</td>
    </tr>
  );
}

/** One run: the quality gate's decision, its scores per label and its training log (readable here, and downloadable). */
function RunDetails({ runId, changes, gate, canDeploy, projectId, onGateChange }) {
  const [run, setRun] = useState(null);
  const [log, setLog] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let live = true;
    setError(null);
    get(`/trainings/trainings/${runId}`).then(r => live && setRun(r)).catch(e => live && setError(e.message));
    getText(`/trainings/trainings/${runId}/logs`).then(t => live && setLog({ text: t }))
      .catch(e => live && setLog(e.reason === 'NO_LOG' ? { missing: true } : { error: e.message }));
    return () => { live = false; };
  }, [runId, changes]);
  if (error) return <div class="card wide"><Banner error={error} /></div>;
  if (!run) return <div class="card wide"><Loading what="the run" /></div>;
  const m = run.metrics;
  return (
    <div class="card wide" id="run-details">
      <h2>Run {run.number}</h2>
      {run.reason && <p class="error" id="run-reason">{REASON_NAMES[run.reason] ?? run.reason}: {run.message}</p>}
      {gate && <GateDecision gate={gate} canDeploy={canDeploy} projectId={projectId} onChange={onGateChange} />}
      {m?.curve && <TrainCurve metrics={m} />}
      {m?.test && <Scores id="run-test-scores" scores={m.test}
        caption={`Test set: ${m.test.tasks} tasks never trained on, labelled by the model as pre-annotation labels them (character spans, exact match)`} />}
      {m && !m.test && m.micro && <p class="hint" id="run-no-test">This run had no test set (no task with the project's test tag has a submitted completion), so its only scores are on held-out training sentences.</p>}
      {m?.micro && <Scores id="run-scores" scores={m}
        caption={`Validation: ${m.validationSentences} held-out sentences of the training set (entity level, exact span)`} />}
      <h3>Training log</h3>
      {log === null ? <Loading what="the log" />
        : log.text != null ? <>
            <a class="button" id="log-download" download={`training-${run.number}.log`}
              href={URL.createObjectURL(new Blob([log.text], { type: 'text/plain' }))}>Download the log</a>
            <pre class="log" id="run-log" tabIndex={0}>{log.text}</pre></>
        : <p class="empty" id="run-log-missing">{!log.missing ? log.error
            : run.state === 'QUEUED' || run.state === 'RUNNING' ? 'The log appears once the training job starts.'
            : 'This run wrote no log: it ended before its training job started.'}</p>}
    </div>
  );
}

/**
 * The quality gate's decision on the run: both figures in a sentence, and for a refused model the
 * Deploy anyway button (Owners and Managers), whose use is recorded on the decision.
 */
function GateDecision({ gate, canDeploy, projectId, onChange }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [started, setStarted] = useState(null);
  async function deployAnyway() {
    setBusy(true);
    setError(null);
    try {
      setStarted(await api('POST', `/deployments/projects/${projectId}/quality-gate/decisions/${gate.runId}/override`,
        undefined, undefined, { 'Idempotency-Key': actionKey() }));
      onChange();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div id="run-gate" class={`gate ${gate.outcome.toLowerCase()}`}>
      <p><strong>{GATE_NAMES[gate.outcome]}.</strong> {gate.message}.</p>
      {gate.overriddenBy && <p id="gate-override">{gate.overriddenBy} deployed it anyway, {formatTime(gate.overriddenAt)}.</p>}
      {started && !gate.overriddenBy && <p role="status">Deployment {started.number} started.</p>}
      <Banner error={error} onClose={() => setError(null)} />
      {gate.outcome === 'REFUSED' && !gate.overriddenBy && (
        <button id="deploy-anyway" onClick={deployAnyway} disabled={busy || !canDeploy} title={canDeploy ? undefined : whyNot('DEPLOY')}>
          Deploy anyway</button>)}
    </div>
  );
}

/**
 * Test F1 against training-set size over the project's successful runs (training-service's
 * learning curve, on the newest run's test set): whether more annotation still pays.
 */
function LearningCurve({ projectId, changes }) {
  const [curve, setCurve] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    get(`/trainings/projects/${projectId}/learning-curve`).then(setCurve).catch(e => setError(e.message));
  }, [projectId, changes]);
  if (error) return <div class="card wide"><Banner error={error} /></div>;
  if (!curve) return null;
  const points = curve.points;
  const left = [];
  if (curve.otherTestSets) left.push(`${counted(curve.otherTestSets, 'run')} scored on an earlier test set`);
  if (curve.withoutTestSet) left.push(`${counted(curve.withoutTestSet, 'run')} without a test set`);
  return (
    <div class="card wide" id="learning-curve">
      <h2>Learning curve</h2>
      {points.length < 2
        ? <p class="hint" id="curve-empty">{curve.testSet
            ? `The curve needs two runs scored on the same test set; ${points.length === 1 ? 'one so far' : 'none yet'}.`
            : 'No run was scored on a test set yet: tag tasks with the project\'s test tag (see Set up) and train.'}</p>
        : <>
            <p class="hint">Test F1 by the number of completions trained on, on the test set of the newest run
              ({counted(curve.testSet.tasks, 'task')}, {counted(curve.testSet.entities, 'entity', 'entities')}). A curve still rising means more annotation still pays.</p>
            <CurveChart points={points} />
          </>}
      {left.length > 0 && <p class="hint" id="curve-left-out">Not drawn: {left.join('; ')}.</p>}
    </div>
  );
}

function CurveChart({ points }) {
  const W = 640, H = 240, L = 56, R = 16, T = 12, B = 36;
  const maxX = Math.max(...points.map(p => p.trainingSetSize), 1);
  const x = n => L + (n / maxX) * (W - L - R);
  const y = f => T + (1 - f) * (H - T - B);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.trainingSetSize).toFixed(1)},${y(p.f1).toFixed(1)}`).join(' ');
  return (
    <svg class="curve" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Test F1 by training-set size">
      {[0, 0.25, 0.5, 0.75, 1].map(f => <g key={f}>
        <line x1={L} x2={W - R} y1={y(f)} y2={y(f)} class="grid" />
        <text x={L - 6} y={y(f) + 4} text-anchor="end">{Math.round(f * 100)}%</text></g>)}
      {[0, maxX / 2, maxX].map(n => <text key={n} x={x(n)} y={H - B + 16} text-anchor="middle">{Math.round(n)}</text>)}
      <text x={(L + W - R) / 2} y={H - 4} text-anchor="middle" class="axis">completions trained on</text>
      <text transform={`translate(10 ${(T + H - B) / 2}) rotate(-90)`} text-anchor="middle" class="axis">test F1</text>
      <path d={path} class="line" />
      {points.map(p => <circle key={p.run} data-run={p.run} cx={x(p.trainingSetSize)} cy={y(p.f1)} r="4">
        <title>{`Run ${p.run}: ${p.trainingSetSize} completions, test F1 ${pct(p.f1)}`}</title></circle>)}
    </svg>
  );
}

/** A train curve's points and the run's own (100 %): does F1 still rise with more of the set? */
function TrainCurve({ metrics }) {
  const onTest = !!metrics.test;
  const full = onTest ? metrics.test.micro : metrics.micro;
  const points = [...metrics.curve.map(p => ({ fraction: p.fraction, sentences: p.trainSentences, micro: p.micro })),
    { fraction: 1, sentences: metrics.trainSentences, micro: full }];
  const gain = points[points.length - 1].micro.f1 - points[points.length - 2].micro.f1;
  return (
    <table class="list" id="train-curve">
      <caption>Train curve: the same training on part of the set, each scored on {onTest ? 'the test set' : 'the held-out sentences'}.
        {' '}{gain > 0.01 ? `The last quarter raised F1 by ${pct(gain)}: more annotation still pays.`
          : gain >= -0.01 ? 'The last quarter changed F1 by less than a point: the curve is flattening.'
          : `F1 fell by ${pct(-gain)} with the last quarter: at this size the scores are still noisy; annotate more before reading the curve.`}</caption>
      <thead><tr><th scope="col">Share of the set</th><th scope="col">Sentences</th><th scope="col">Precision</th>
        <th scope="col">Recall</th><th scope="col">F1</th></tr></thead>
      <tbody>{points.map(p => <tr key={p.fraction} data-fraction={p.fraction}>
        <th scope="row">{Math.round(p.fraction * 100)} %</th><td>{p.sentences}</td><td>{pct(p.micro.precision)}</td>
        <td>{pct(p.micro.recall)}</td><td>{pct(p.micro.f1)}</td></tr>)}</tbody>
    </table>
  );
}

/** Per-label and micro scores, as a table. */
function Scores({ id, scores, caption }) {
  const perLabel = Object.entries(scores.perLabel ?? {});
  if (perLabel.length === 0) return null;
  return (
    <table class="list" id={id}>
      <caption>{caption}</caption>
      <thead><tr><th scope="col">Label</th><th scope="col">Precision</th><th scope="col">Recall</th>
        <th scope="col">F1</th><th scope="col">Mentions</th></tr></thead>
      <tbody>
        {perLabel.map(([label, s]) => <tr key={label} data-label={label}><th scope="row">{label}</th>
          <td>{pct(s.precision)}</td><td>{pct(s.recall)}</td><td>{pct(s.f1)}</td><td>{s.support}</td></tr>)}
        <tr class="total"><th scope="row">All (micro)</th><td>{pct(scores.micro.precision)}</td>
          <td>{pct(scores.micro.recall)}</td><td>{pct(scores.micro.f1)}</td><td></td></tr>
      </tbody>
    </table>
  );
}

const pct = v => (v == null ? '–' : `${(v * 100).toFixed(1)}%`);

function duration(from, to) {
  if (!from) return '—';
  const seconds = Math.round(((to ? new Date(to) : new Date()) - new Date(from)) / 1000);
  return seconds < 90 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
