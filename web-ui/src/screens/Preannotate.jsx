// The pre-annotation popup (from the task list's selection): the last deployment's models and the
// labels each predicts, its state and reason, Deploy to (re)deploy; then the run over the selected
// tasks with a progress bar and the tasks that failed. Polled every second while something moves
// (the services' server-sent events need a bearer header the browser's EventSource cannot send).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, actionKey, api, get } from '../api.js';
import { Banner, counted, formatTime } from '../ui.jsx';

const POLL_MS = 1000;
const DEPLOYMENT_STATES = { PENDING: 'Starting the model server', READY: 'Ready', FAILED: 'Failed' };
const RUN_STATES = {
  RUNNING: 'Running', SUCCEEDED: 'Done', PARTIAL: 'Done, with failed tasks', FAILED: 'Failed', CANCELLED: 'Cancelled',
};
const deploying = d => d?.state === 'PENDING';
/** Why a run cannot start, in words (the services' details name runs by id). */
const BLOCKERS = {
  TRAINING_IN_PROGRESS: 'The project is training. Pre-annotate when the training has finished.',
  DEPLOYMENT_IN_PROGRESS: 'The model server is starting. Pre-annotate when the deployment is ready.',
  PREANNOTATION_IN_PROGRESS: 'A pre-annotation of this project is running. Start another when it has finished.',
  NOTHING_DEPLOYED: 'Nothing is deployed: deploy a model first.',
};
const why = problem => BLOCKERS[problem?.reason] ?? problem?.detail ?? problem?.message;

/** target: {taskIds, count} or {filter, count} (the list's filter, for all matching tasks). */
export function Preannotate({ projectId, target, onClose }) {
  const [context, setContext] = useState(null);
  const [run, setRun] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const dialog = useRef(null);
  useEffect(() => dialog.current?.focus(), []);
  useEffect(() => {
    let live = true;
    get(`/preannotations/projects/${projectId}/preannotations/context`)
      .then(c => {
        if (!live) return;
        setContext(c);
        // Also while nothing is deployed: a training that deploys after it may be about to.
        if (!c.lastDeployment || deploying(c.lastDeployment)) setTimeout(() => live && setRefresh(r => r + 1), POLL_MS);
      })
      .catch(e => live && setError(e.message));
    return () => { live = false; };
  }, [projectId, refresh]);
  useEffect(() => {
    if (!run || run.state !== 'RUNNING') return undefined;
    const timer = setTimeout(() => get(`/preannotations/preannotations/${run.id}`).then(setRun)
      .catch(e => setError(e.message)), POLL_MS);
    return () => clearTimeout(timer);
  }, [run]);

  async function act(call) {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(why(err));
      setRefresh(r => r + 1);
    } finally {
      setBusy(false);
    }
  }
  const deploy = () => act(async () => {
    await api('POST', `/deployments/projects/${projectId}/deployments`, undefined, undefined, { 'Idempotency-Key': actionKey() });
    setRefresh(r => r + 1);
  });
  const start = () => act(async () => {
    const body = target.filter ? target.filter : { taskIds: target.taskIds };
    setRun(await api('POST', `/preannotations/projects/${projectId}/preannotations`, body, 'application/json',
      { 'Idempotency-Key': actionKey() }));
  });
  const close = () => onClose(run !== null);
  const last = context?.lastDeployment;
  return (
    <div class="overlay" onClick={e => e.target === e.currentTarget && close()}>
      <div class="dialog" id="preannotate" role="dialog" aria-modal="true" aria-labelledby="preannotate-title"
        tabIndex={-1} ref={dialog} onKeyDown={e => e.key === 'Escape' && close()}>
        <h2 id="preannotate-title">Pre-annotate {counted(target.count, 'task')}</h2>
        <Banner error={error} onClose={() => setError(null)} />
        {!context ? !error && <p class="loading">Loading the deployment…</p> : <>
          <h3>Models</h3>
          {!last ? <p class="notice" id="no-deployment">Nothing is deployed in this project yet. Bind labels to models in the
            project's setup, then deploy.</p> : <>
            <p id="deployment-state">The last deployment is <span class={`state ${last.state.toLowerCase()}`}>
              {DEPLOYMENT_STATES[last.state] ?? last.state}</span>{last.at && <> ({formatTime(last.at)})</>}
              {last.message && <span class="sub" id="deployment-message">{last.message}</span>}</p>
            <table class="list compact" id="deployed-models">
              <thead><tr><th scope="col">Model</th><th scope="col">Version</th><th scope="col">Labels it predicts</th></tr></thead>
              <tbody>{last.models.map(m => (
                <tr key={m.name} data-model={m.name}><th scope="row">{m.name}</th><td>{m.version}</td><td>{m.labels.join(', ')}</td></tr>))}
              </tbody>
            </table>
          </>}
          <div class="row">
            <button id="deploy-button" onClick={deploy} disabled={busy || deploying(last)}>
              {deploying(last) ? 'Deploying…' : last ? 'Deploy again' : 'Deploy'}</button>
            <span class="hint">Deploys the models the labeling config binds now.</span>
          </div>
          <h3>Run</h3>
          {!run && !context.canRun && <p class="notice" id="preannotate-blocked">{why(context.blockedBy)}</p>}
          {!run && <button class="primary" id="start-preannotation" onClick={start}
            disabled={busy || !context.canRun || target.count === 0}>Start pre-annotation</button>}
          {run && <RunProgress run={run} />}
        </>}
        <div class="row end"><button id="close-preannotate" onClick={close}>{run && run.state !== 'RUNNING' ? 'Close and show the tasks' : 'Close'}</button></div>
      </div>
    </div>
  );
}

function RunProgress({ run }) {
  const { total, done, failed } = run.progress ?? { total: 0, done: 0, failed: 0 };
  return (
    <div id="preannotation-run" aria-live="polite">
      <p>Pre-annotation <span class={`state ${run.state.toLowerCase()}`} id="run-state">{RUN_STATES[run.state] ?? run.state}</span>:{' '}
        {done} of {total || '…'} tasks{failed ? `, ${failed} failed` : ''}.{run.message && <span class="sub">{run.message}</span>}</p>
      <progress max={total || 1} value={done + failed} aria-label="Tasks pre-annotated" />
      {run.failures?.length > 0 && (
        <table class="list compact" id="preannotation-failures">
          <caption>Tasks that failed</caption>
          <thead><tr><th scope="col">Task</th><th scope="col">Why</th></tr></thead>
          <tbody>{run.failures.map(f => <tr key={f.taskId}><td><code>{f.taskId.slice(0, 8)}</code></td><td>{f.error}</td></tr>)}</tbody>
        </table>)}
    </div>
  );
}
