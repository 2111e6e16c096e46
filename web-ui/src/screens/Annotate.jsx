// Annotate and review one task in Label Studio's editor (issue 22, screens 2 and 3).
// Annotate: the user's own completion (or a new one, started from the newest prediction), the
// task's predictions to compare, Submit / Update / Save draft, the review of a reviewed completion.
// Review: the task's submitted completions, one shown read-only, Accept or Reject with a comment.
// Both: the project, the task's tags and state (as annotation-service says it), Back to tasks, and Next task from the
// user's queue (a hash change: the page is not reloaded and the editor's script stays loaded).
import { useEffect, useRef, useState } from 'preact/hooks';
import { actionKey, api, get, query } from '../api.js';
import { measure } from '../taskOrder.js';
import { mountEditor, readConfig } from '../editor.js';
import { ROLE_NAMES, actingRole, may, whyNot } from '../roles.js';
import { Banner, Loading, formatTime } from '../ui.jsx';
import '../editor.css';

/** Tasks opened in this session: Next prefers the queue's tasks not opened yet (no ping-pong between two skipped ones). */
const opened = new Set();

export function Annotate({ user, projectId, taskId, mode }) {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    opened.add(taskId);
    let live = true;
    load(projectId, taskId, mode).then(d => live && setData(d)).catch(e => live && setError(e));
    return () => { live = false; };
  }, [projectId, taskId, mode]);
  if (error) return <LoadFailed error={error} projectId={projectId} />;
  if (!data) return <Loading what="the task" />;
  return <Screen data={data} user={user} mode={mode} />;
}

function Screen({ data, user, mode }) {
  const [completions, setCompletions] = useState(data.completions);
  const [task, setTask] = useState(data.task);
  const [changes, setChanges] = useState(0);
  const role = actingRole(data.project, user);
  const next = useNext(data.project.id, data.task.id, mode, role, user, changes);
  /** A completion saved or reviewed: the task's state (annotation-service's rule) and the queue follow. */
  const changed = c => {
    setCompletions(list => [...list.filter(x => x.id !== c.id), c].sort(byCreated));
    setChanges(n => n + 1);
    get(`${base(data.project.id)}/tasks/${data.task.id}`).then(setTask).catch(() => {});
  };
  const nextButton = <NextTask project={data.project} next={next} mode={mode} changes={changes} />;
  return (
    <section class="annotate" aria-labelledby="task-title">
      <TaskHead project={data.project} task={task} role={role} mode={mode}
        next={mode === 'annotate' || may(data.project, user, 'REVIEW') ? nextButton : null} />
      {!data.names ? <NoConfig project={data.project} user={user} problem={data.configProblem} />
        : mode === 'review'
          ? <Review data={data} completions={completions} user={user} role={role} onChange={changed} next={next} />
          : <Work data={data} completions={completions} user={user} onChange={changed} next={next} />}
    </section>
  );
}

const base = projectId => `/annotations/projects/${projectId}`;
const byCreated = (a, b) => String(a.createdAt).localeCompare(String(b.createdAt));

/** Everything the screen shows, fetched at once. */
async function load(projectId, taskId, mode) {
  const [project, config, task, completions, predictions] = await Promise.all([
    get(`/projects/${projectId}`),
    get(`/projects/${projectId}/labeling-config`).catch(e => (e.status === 404 ? null : Promise.reject(e))),
    get(`${base(projectId)}/tasks/${taskId}`),
    get(`${base(projectId)}/tasks/${taskId}/completions`),
    mode === 'review' ? [] : get(`${base(projectId)}/tasks/${taskId}/predictions`).catch(() => []),
  ]);
  const names = config && readConfig(config.config);
  return {
    project, task, names, config: config?.config,
    configProblem: config && !names ? 'The labeling config has no Labels on a Text, so this screen cannot draw it.' : null,
    completions: [...completions].sort(byCreated),
    predictions: [...predictions].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt))),
  };
}

function LoadFailed({ error, projectId }) {
  const message = error.status === 404
    ? 'This task was not found: it may have been deleted, or it is not assigned to you.'
    : error.message;
  return (
    <section class="annotate">
      <Banner error={message} />
      <p><a href={`#/projects/${projectId}/tasks`}>Back to tasks</a></p>
    </section>
  );
}

function NoConfig({ project, user, problem }) {
  return (
    <p class="notice" id="no-config">{problem ?? 'This project has no labeling config yet, so there are no labels to annotate with.'}{' '}
      {may(project, user, 'EDIT_PROJECT')
        ? <a href={`#/projects/${project.id}/setup`}>Set up the labeling config</a>
        : 'A project Owner or Manager sets it up.'}
    </p>
  );
}

// ------------------------------------------------------------------------------------ the header

const STATE_NAMES = {
  none: 'Not annotated yet', draft: 'Draft, not submitted', submitted: 'Submitted, awaiting review',
  accepted: 'Accepted', rejected: 'Rejected',
};

/** The task's state from the completions the user can see (the precedence of the task list's state). */
function completionState(c) {
  if (!c.submitted) return 'draft';
  return c.reviewStatus === 'ACCEPTED' ? 'accepted' : c.reviewStatus === 'REJECTED' ? 'rejected' : 'submitted';
}

function TaskHead({ project, task, role, mode, next }) {
  const { state } = task;
  return (
    <header class="task-head">
      <p class="crumbs"><a href="#/projects">Projects</a> / <a href={`#/projects/${project.id}/tasks`}>{project.name}</a></p>
      <div class="task-title">
        <h1 id="task-title">{mode === 'review' ? 'Review a task' : 'Annotate a task'}</h1>
        <div class="task-nav">
          <a href={`#/projects/${project.id}/tasks`} id="back-to-tasks">← Back to tasks</a>
          {next}
        </div>
      </div>
      <dl class="task-facts">
        <div><dt>State</dt><dd id="task-state" data-state={state}><span class={`state ${state}`}>{STATE_NAMES[state]}</span></dd></div>
        <div><dt>Tags</dt><dd id="task-tags">{task.tags?.length ? task.tags.map(t => <span class="tag" key={t}>{t}</span>) : <span class="sub">none</span>}</dd></div>
        <div><dt>Annotator</dt><dd>{task.assignee ?? <span class="sub">not assigned</span>}</dd></div>
        <div><dt>Reviewer</dt><dd>{task.reviewer ?? <span class="sub">not assigned</span>}</dd></div>
        <div><dt>Your role</dt><dd>{ROLE_NAMES[role] ?? '—'}</dd></div>
      </dl>
    </header>
  );
}

/**
 * The user's queue, in the task list's order. Annotate: an Annotator's assigned tasks without a
 * submitted completion; other roles' tasks without any completion. Review: a Reviewer's tasks
 * awaiting review; an Owner's or Manager's, any task awaiting review.
 */
/** The review queue: the tasks awaiting the reviewer's review (a Reviewer's own, or all for Owners and Managers). */
function reviewQueue(role, user) {
  return role === 'REVIEWER' ? { reviewer: user.username, completion: 'awaiting-review' } : { completion: 'awaiting-review' };
}

const ORDER_NAMES = { sequential: 'in import order', random: 'in random order' };

/** Why the next task is the one offered: the project's task order, and the model's uncertainty that put it first. */
function whyChosen(answer) {
  if (answer.strategy !== 'uncertainty') return `The project's tasks come ${ORDER_NAMES[answer.strategy] ?? answer.strategy}.`;
  const m = measure(answer.measure);
  const value = m ? answer.task?.uncertainty?.[m.key] : null;
  const name = m?.name ?? answer.measure;
  return value == null ? `Most uncertain first: no other task has been pre-annotated yet, so this is the next in import order.`
    : `Most uncertain first: the model is least sure of this one (${name} ${value.toFixed(2)}).`;
}

/**
 * The next task: when annotating, annotation-service picks it by the project's task order among the
 * tasks the user may take (one not opened in this session first); when reviewing, the next of the
 * review queue. `left` counts the others.
 */
function useNext(projectId, taskId, mode, role, user, changes) {
  const [next, setNext] = useState(undefined);
  useEffect(() => {
    let live = true;
    (async () => {
      if (mode !== 'review') {
        const skip = [...opened].filter(id => id !== taskId);
        const answer = await get(`${base(projectId)}/tasks/next` + query({ current: taskId, skip }));
        return { id: answer.task?.id ?? null, left: answer.left, why: answer.task ? whyChosen(answer) : null };
      }
      const page = await get(`${base(projectId)}/tasks` + query({ ...reviewQueue(role, user), page: 0, size: 50 }));
      const ids = page.items.map(t => t.id).filter(id => id !== taskId);
      const left = page.total - (page.items.some(t => t.id === taskId) ? 1 : 0);
      return { id: ids.find(id => !opened.has(id)) ?? ids[0] ?? null, left };
    })().then(n => live && setNext(n)).catch(e => live && setNext({ error: e.message }));
    return () => { live = false; };
  }, [projectId, taskId, mode, changes]);
  return next;
}

function NextTask({ project, next, mode, changes }) {
  const label = mode === 'review' ? 'Next task to review' : 'Next task';
  const queue = mode === 'review' ? 'awaiting your review' : 'in your queue';
  if (next === undefined || next.error) {
    return <span class="next"><button disabled title={next?.error}>{label} →</button></span>;
  }
  return (
    <span class="next">
      <span class="hint" id="queue-left" title={next.why ?? undefined}>{next.left === 0 ? `No other task ${queue}.` : `${next.left.toLocaleString()} more ${queue}`}</span>
      <button id="next-task" class={changes ? 'primary' : undefined} disabled={!next.id}
        title={next.id ? undefined : `No other task is ${queue}.`} onClick={() => go(project.id, next.id, mode)}>{label} →</button>
    </span>
  );
}

/** After a save or a review: the next task offered where the user is looking. */
function GoNext({ projectId, next, mode }) {
  const button = useRef(null);
  const id = next?.id;
  useEffect(() => button.current?.focus(), [id]);
  if (!id) return next && !next.error ? <span class="hint">That was the last task {mode === 'review' ? 'awaiting your review' : 'in your queue'}.</span> : null;
  return <>
    <button class="primary" id="go-next" ref={button} onClick={() => go(projectId, id, mode)}>
      {mode === 'review' ? 'Next task to review' : 'Next task'} →</button>
    {next.why && <span class="hint" id="next-why">{next.why}</span>}
  </>;
}

const go = (projectId, taskId, mode) => {
  location.hash = `#/projects/${projectId}/tasks/${taskId}${mode === 'review' ? '/review' : ''}`;
};

// ------------------------------------------------------------------------------------ the editor

/** Label Studio's editor, drawn again whenever `setup.key` changes; `onReady` gets it. */
function Editor({ setup, onReady }) {
  const host = useRef(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let editor = null;
    setFailed(false);
    mountEditor(host.current, setup)
      .then(e => { if (live) { editor = e; onReady(e); } else e.destroy(); })
      .catch(() => live && setFailed(true));
    return () => { live = false; editor?.destroy(); onReady(null); };
  }, [setup.key]);
  return (
    <div class="editor-box">
      {failed && <p class="error" role="alert">The editor could not be loaded. Reload the page to try again.</p>}
      <div ref={host} id="editor" class="editor-host" />
    </div>
  );
}

/** The editor's setup for a task: its config and text. */
const editorBase = (data, user) => ({ config: data.config, names: data.names, text: data.task.text, user: user.name });

const predictionName = p => `${p.model} v${p.modelVersion}`;
const score = v => (v == null ? null : v.toFixed(2));

// ------------------------------------------------------------------------------------ annotate

function Work({ data, completions, user, onChange, next }) {
  const mine = completions.filter(c => c.author === user.username);
  const [completion, setCompletion] = useState(mine[mine.length - 1] ?? null);
  // A reviewed completion can no longer change: "Annotate again" starts a new one from its regions.
  const [again, setAgain] = useState(false);
  const [startFrom, setStartFrom] = useState(data.predictions[0] ? key(data.predictions[0]) : null);
  const editorRef = useRef(null);
  const [shown, setShown] = useState(null);
  const reviewed = completion && completion.reviewStatus !== 'PENDING';
  const readOnly = reviewed && !again;
  const current = again ? null : completion;

  const setup = {
    ...editorBase(data, user),
    // Drawn again when what it shows changes, not when a save gives the annotation an id.
    key: [readOnly, again, completion ? '' : startFrom].join(),
    annotations: completion ? [{ key: 'mine', spans: completion.spans, readOnly, name: user.name }] : [],
    newKey: 'mine',
    predictions: data.predictions.map(p => ({ key: key(p), name: predictionName(p), score: p.score, spans: p.spans })),
    startFrom,
    onSave: () => document.getElementById('save-submit')?.click(),
  };
  const onReady = e => { editorRef.current = e; setShown(e?.shown() ?? null); };
  const show = k => { editorRef.current?.show(k); setShown(k); };
  const saved = c => { setCompletion(c); setAgain(false); onChange(c); };
  return (
    <div class="work">
      {readOnly && <ReviewNote completion={completion} onAgain={completion.reviewStatus === 'REJECTED' ? () => setAgain(true) : null} />}
      {again && <p class="notice" id="again-note">A new completion, starting from your reviewed one's regions. It is reviewed afresh when you submit it.</p>}
      <div class="toolbar">
        <Predictions predictions={data.predictions} shown={shown} onShow={show} />
        {!readOnly && <SaveBar projectId={data.project.id} task={data.task} completion={current} editor={editorRef}
          onSaved={saved} next={next} />}
      </div>
      {!completion && data.predictions.length > 0 && <StartFrom predictions={data.predictions} startFrom={startFrom} onStartFrom={setStartFrom} />}
      <Editor setup={setup} onReady={onReady} />
      {!readOnly && <p class="hint">Choose a label (or press its number), then drag over the words. Click a region to
        select it; Backspace deletes it; Ctrl+Z undoes; Ctrl+Enter submits (or updates).</p>}
    </div>
  );
}

const key = p => `prediction-${p.id}`;

function ReviewNote({ completion: c, onAgain }) {
  const accepted = c.reviewStatus === 'ACCEPTED';
  return (
    <div class={`notice review-note ${accepted ? 'accepted' : 'rejected'}`} id="review-note" role="status">
      <p><strong>{accepted ? 'Accepted' : 'Rejected'}</strong> by {c.reviewer ?? 'a reviewer'}
        {c.reviewedAt && <> on {formatTime(c.reviewedAt)}</>}. A reviewed completion is shown read-only.</p>
      {c.reviewComment && <blockquote id="review-comment">{c.reviewComment}</blockquote>}
      {onAgain && <button id="annotate-again" onClick={onAgain}>Annotate again</button>}
    </div>
  );
}

/** Which of the user's annotation and the predictions the editor shows. */
function Predictions({ predictions, shown, onShow }) {
  if (predictions.length === 0) return <div />;
  return (
    <div class="show-choice" id="predictions" role="radiogroup" aria-label="Show">
      <span class="label-like">Show</span>
      <Choice checked={shown === 'mine'} onClick={() => onShow('mine')} id="show-mine">Your annotation</Choice>
      {predictions.map(p => (
        <Choice key={p.id} checked={shown === key(p)} onClick={() => onShow(key(p))} data-model={predictionName(p)}
          title="A model's prediction, read-only; each span's score is in the list of regions">
          {predictionName(p)}{p.score != null && <span class="sub-inline"> score {score(p.score)}</span>}
        </Choice>))}
    </div>
  );
}

/** With no completion yet: the user's annotation starts from a prediction, or empty. */
function StartFrom({ predictions, startFrom, onStartFrom }) {
  const start = predictions.find(p => key(p) === startFrom);
  return (
    <p class="hint" id="start-from">
      {start ? <>Your annotation starts from {predictionName(start)}'s prediction: correct it, then submit.{' '}
        <button class="link" onClick={() => onStartFrom(null)}>Start empty instead</button></>
        : <>Your annotation starts empty.{' '}
          <button class="link" onClick={() => onStartFrom(key(predictions[0]))}>Start from {predictionName(predictions[0])}</button></>}
    </p>
  );
}

function Choice({ checked, onClick, children, ...rest }) {
  return <button role="radio" aria-checked={checked} class={'choice' + (checked ? ' on' : '')} onClick={onClick} {...rest}>{children}</button>;
}

/**
 * Submit, Update and Save draft, and what came of it: a new completion (one Idempotency-Key per
 * attempt at the same spans, so a retry is stored once), the spans of an existing one (PUT), then
 * its submission. A refusal is a sentence naming each refused span; the regions stay as they are.
 */
function SaveBar({ projectId, task, completion, editor, onSaved, next }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(null);
  const [done, setDone] = useState(null);
  const attempt = useRef({ spans: null, key: null });

  async function save(submit) {
    const ed = editor.current;
    if (!ed || busy) return;
    const spans = ed.spans();
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const c = completion ? await update(completion, spans, submit) : await create(spans, submit);
      attempt.current = { spans: null, key: null };
      setDone(completion?.submitted ? `Updated: ${count(spans.length)} saved.`
        : c.submitted ? `Submitted with ${count(spans.length)}.` : `Draft saved with ${count(spans.length)}.`);
      onSaved(c);
    } catch (e) {
      setProblem(explain(e, spans, task.text));
    } finally {
      setBusy(false);
    }
  }
  async function create(spans, submit) {
    const same = JSON.stringify(spans) + submit;
    if (attempt.current.spans !== same) attempt.current = { spans: same, key: actionKey() };
    return api('POST', `${base(projectId)}/tasks/${task.id}/completions`, { spans, submit },
      'application/json', { 'Idempotency-Key': attempt.current.key });
  }
  async function update(c, spans, submit) {
    const saved = await api('PUT', `${base(projectId)}/completions/${c.id}`, { spans });
    return submit && !saved.submitted ? api('POST', `${base(projectId)}/completions/${c.id}/submission`) : saved;
  }
  const submitted = completion?.submitted;
  return (
    <div class="save-bar">
      <div class="row">
        {done && <span class="saved" role="status" id="save-status">{done}</span>}
        {done && submitted && <GoNext projectId={projectId} next={next} mode="annotate" />}
        {!submitted && <button id="save-draft" disabled={busy} onClick={() => save(false)}>Save draft</button>}
        <button class="primary" id="save-submit" disabled={busy} onClick={() => save(true)}
          title={`${submitted ? 'Save your changes' : 'Send it for review'} (Ctrl+Enter)`}>{submitted ? 'Update' : 'Submit'}</button>
      </div>
      {problem && <SaveProblem problem={problem} />}
    </div>
  );
}

const count = n => `${n} span${n === 1 ? '' : 's'}`;

function SaveProblem({ problem }) {
  return (
    <div class="banner save-problem" role="alert" id="save-problem">
      <div>
        <p>{problem.message}</p>
        {problem.spans?.length > 0 && <ul id="span-errors">{problem.spans.map((s, i) => <li key={i}>{s}</li>)}</ul>}
      </div>
      {problem.reload && <button id="reload-task" onClick={() => location.reload()}>Reload the task</button>}
    </div>
  );
}

/** A refused save as sentences: each refused span named by its words and label; ids never shown. */
function explain(e, spans, text) {
  const quote = s => `“${text.slice(s.start, s.end)}” (${s.label})`;
  const named = msg => msg.replace(/spans\[(\d+)\]/g, (m, i) => (spans[i] ? quote(spans[i]) : 'another span'));
  if (e.status === 422 && e.reason === 'INVALID_SPANS') {
    const items = Object.entries(e.fields).map(([field, msg]) => {
      const i = /^spans\[(\d+)\]/.exec(field)?.[1];
      return `${i != null && spans[i] ? quote(spans[i]) : field}: ${named(msg)}.`;
    });
    return { message: `Nothing was saved: ${items.length === 1 ? 'a span is' : `${items.length} spans are`} not accepted. Your regions are kept; correct them and save again.`, spans: items };
  }
  if (e.status === 409 && e.reason === 'ALREADY_REVIEWED') {
    return { message: 'Your completion was reviewed in the meantime and can no longer change: your regions here are not saved. Reload the task to see the review.', reload: true };
  }
  if (e.status === 403) {
    return { message: 'Your role or assignment does not allow saving this task (it may have been reassigned). Your regions are kept on the screen, not saved.' };
  }
  return { message: `${plain(e.message)} Your regions are kept; nothing was lost on the screen.` };
}

/** A service's sentence without the ids it may quote. */
const plain = s => s.replace(/\b(task|completion|prediction) [0-9a-f]{8}-[0-9a-f-]{27}\b/gi, 'this $1');

// ------------------------------------------------------------------------------------ review

function Review({ data, completions, user, role, onChange, next }) {
  const submitted = completions.filter(c => c.submitted);
  const pending = submitted.find(c => c.reviewStatus === 'PENDING');
  const [selected, setSelected] = useState((pending ?? submitted[0])?.id ?? null);
  const editorRef = useRef(null);
  if (!may(data.project, user, 'REVIEW')) {
    return (
      <p class="notice" id="review-not-allowed">{whyNot('REVIEW')} You can annotate this task instead:{' '}
        <a href={`#/projects/${data.project.id}/tasks/${data.task.id}`}>open it to annotate</a>.</p>
    );
  }
  if (submitted.length === 0) {
    return <p class="empty" id="nothing-to-review">No completion of this task is submitted yet: there is nothing to review.</p>;
  }
  const setup = {
    ...editorBase(data, user),
    key: submitted.map(c => c.id).join(),
    annotations: submitted.map(c => ({ key: c.id, spans: c.spans, readOnly: true, name: c.author })),
    predictions: [],
  };
  const choose = id => { setSelected(id); editorRef.current?.show(id); };
  const onReady = e => { editorRef.current = e; if (e && selected) e.show(selected); };
  const completion = submitted.find(c => c.id === selected);
  return (
    <div class="review">
      <Completions completions={submitted} selected={selected} onSelect={choose} />
      {completion && <Decision key={completion.id} projectId={data.project.id} task={data.task} completion={completion}
        user={user} role={role} onReviewed={onChange} next={next} />}
      <Editor setup={setup} onReady={onReady} />
    </div>
  );
}

function reviewText(c) {
  if (c.reviewStatus === 'PENDING') return 'Awaiting review';
  return `${c.reviewStatus === 'ACCEPTED' ? 'Accepted' : 'Rejected'} by ${c.reviewer ?? 'a reviewer'}`;
}

function Completions({ completions, selected, onSelect }) {
  return (
    <table class="list compact" id="completions">
      <caption>Submitted completions: choose one to see it in the editor.</caption>
      <thead><tr><th scope="col">Annotator</th><th scope="col">Submitted</th><th scope="col">Spans</th><th scope="col">Review</th></tr></thead>
      <tbody>{completions.map(c => (
        <tr key={c.id} data-author={c.author} class={c.id === selected ? 'selected' : undefined}>
          <th scope="row"><button class="link" aria-pressed={c.id === selected} onClick={() => onSelect(c.id)}>{c.author}</button></th>
          <td>{formatTime(c.submittedAt)}</td>
          <td>{c.spans.length}</td>
          <td class={`state ${completionState(c)}`}>{reviewText(c)}
            {c.reviewComment && <span class="sub">“{c.reviewComment}”</span>}</td>
        </tr>))}
      </tbody>
    </table>
  );
}

/** Why this user cannot decide on this completion, or null. */
function cannotReview(task, completion, user, role) {
  if (completion.author === user.username) return 'This is your own completion: another reviewer decides on it.';
  if (role === 'REVIEWER' && task.reviewer !== user.username) {
    return task.reviewer ? `This task is assigned to ${task.reviewer} for review, not to you.`
      : 'This task is not assigned to you for review: an Owner or Manager assigns reviewers.';
  }
  return null;
}

function Decision({ projectId, task, completion, user, role, onReviewed, next }) {
  const [comment, setComment] = useState(completion.reviewComment ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState(null);
  const [done, setDone] = useState(null);
  const why = cannotReview(task, completion, user, role);
  async function decide(status) {
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const c = await api('POST', `${base(projectId)}/completions/${completion.id}/review`, { status, comment: comment.trim() || null });
      setDone(`${status === 'ACCEPTED' ? 'Accepted' : 'Rejected'}: ${c.author} sees your decision${c.reviewComment ? ' and comment' : ''}.`);
      onReviewed(c);
    } catch (e) {
      setProblem(reviewProblem(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="decision" id="decision" onSubmit={e => e.preventDefault()} aria-labelledby="decision-title">
      <h2 id="decision-title" class="visually-hidden">Your decision on {completion.author}'s completion</h2>
      {why && <p class="notice" id="review-why-not">{why}</p>}
      <div class="decide">
        <div class="field">
          <label for="review-comment-input">Comment to {completion.author}</label>
          <textarea id="review-comment-input" rows={2} maxLength={2000} value={comment} disabled={!!why}
            placeholder="What to fix, when you reject it" onInput={e => setComment(e.currentTarget.value)} />
        </div>
        <button class="primary" id="accept" disabled={busy || !!why} onClick={() => decide('ACCEPTED')}>Accept</button>
        <button class="danger" id="reject" disabled={busy || !!why} onClick={() => decide('REJECTED')}>Reject</button>
      </div>
      {problem && <Banner error={problem} />}
      <p class="hint" id="decided">
        {done ? <span class="saved" role="status" id="review-status">{done}</span>
          : completion.reviewStatus !== 'PENDING' ? <>{reviewText(completion)}{completion.reviewedAt && <> on {formatTime(completion.reviewedAt)}</>}. You can change the decision.</>
          : `${completion.author}'s completion awaits your decision; the annotator sees it with your comment.`}
        {done && <GoNext projectId={projectId} next={next} mode="review" />}
      </p>
    </form>
  );
}

function reviewProblem(e) {
  if (e.reason === 'NOT_SUBMITTED') return 'This completion is no longer submitted (it is a draft again), so it cannot be reviewed. Reload the page to see the task as it is now.';
  if (e.reason === 'OWN_COMPLETION') return 'This is your own completion: another reviewer decides on it.';
  if (e.status === 403) return 'You may not review this task: it is not assigned to you for review (any more). Reload the page to see who reviews it.';
  return plain(e.message);
}
