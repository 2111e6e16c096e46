// Tasks of a project: a server-side paged list with filters (tag, state, predictions, assignee) and
// sort; import (JSON, text, CoNLL) with its result; selecting tasks — on the page, or every task
// matching the filter — to tag, assign or pre-annotate them.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, actionKey, api, get, query } from '../api.js';
import { may, whyNot } from '../roles.js';
import { Banner, Field, Loading, Pager, counted, useDebounced, usePagedList } from '../ui.jsx';
import { Preannotate } from './Preannotate.jsx';

const PAGE_SIZE = 50;

/** A task's state in the list (annotation-service's `state`), in words. */
export const TASK_STATES = {
  none: 'Not annotated', draft: 'Draft', submitted: 'Awaiting review', accepted: 'Accepted', rejected: 'Rejected',
};

/** The state filter: the list's `completion` parameter. */
const STATE_FILTERS = [
  ['', 'Any state'], ['none', 'Not annotated'], ['draft', 'With a draft'], ['awaiting-review', 'Awaiting review'],
  ['submitted', 'Submitted (reviewed or not)'], ['accepted', 'Accepted'], ['rejected', 'Rejected'],
];

const SORTS = [
  ['created', 'Import order'], ['assignee', 'Annotator'], ['reviewer', 'Reviewer'],
  ['score,asc', 'Prediction score, lowest first'], ['mnlp,desc', 'Model uncertainty, highest first'],
];

/** The prediction-score filter (the newest prediction's mean span confidence): value → [minScore, maxScore]. */
const SCORE_FILTERS = [
  ['', 'Any score', '', ''], ['below-0.5', 'Below 0.5', '', '0.5'], ['below-0.8', 'Below 0.8', '', '0.8'],
  ['from-0.8', '0.8 or higher', '0.8', ''],
];

const EMPTY_FILTER = { tag: '', completion: '', predictions: '', assignee: '', minScore: '', maxScore: '' };

export function Tasks({ user, projectId }) {
  const [project, setProject] = useState(null);
  const [error, setError] = useState(null);
  const [filter, setFilter] = useState(EMPTY_FILTER);
  const [sort, setSort] = useState('created');
  const assignee = useDebounced(filter.assignee);
  const listed = { ...filter, assignee };
  const [counts, setCounts] = useState(null);
  const [reload, setReload] = useState(0);
  const [selection, setSelection] = useState({ ids: new Set(), all: false });
  const [preannotating, setPreannotating] = useState(false);
  useEffect(() => {
    get(`/projects/${projectId}`).then(setProject).catch(e => setError(e.message));
  }, [projectId]);
  const readsCounts = project && may(project, user, 'REVIEW');
  useEffect(() => {
    if (readsCounts) get(`/annotations/projects/${projectId}/tasks/counts`).then(setCounts).catch(() => setCounts(null));
  }, [readsCounts, reload]);
  const deps = [listed.tag, listed.completion, listed.predictions, listed.assignee, listed.minScore, listed.maxScore, sort, reload];
  const { page, setPageNo, error: listError, setError: setListError } = usePagedList(
    pageNo => get(`/annotations/projects/${projectId}/tasks`
      + query({ ...listed, page: pageNo, size: PAGE_SIZE, sort })), deps);
  // A new filter selects nothing; a reload (after a bulk action) keeps nothing selected either.
  useEffect(() => setSelection({ ids: new Set(), all: false }), deps);

  if (error && !project) return <Banner error={error} />;
  if (!project) return <Loading what="the project" />;
  const manages = may(project, user, 'MANAGE_TASKS');
  const set = key => e => setFilter(f => ({ ...f, [key]: e.currentTarget.value }));
  const filtered = Object.values(listed).some(Boolean);
  const target = selection.all
    ? { filter: Object.fromEntries(Object.entries(listed).filter(([, v]) => v)), count: page?.total ?? 0 }
    : { taskIds: [...selection.ids], count: selection.ids.size };
  const done = () => setReload(r => r + 1);
  return (
    <section aria-labelledby="tasks-title">
      <p class="crumbs"><a href="#/projects">Projects</a> / {project.name}</p>
      <div class="screen-head">
        <h1 id="tasks-title">Tasks of {project.name}</h1>
        <div class="row">
          {may(project, user, 'READ_TRAINING') && <a class="button" href={`#/projects/${projectId}/training`}>Training</a>}
          {manages && <a class="button" href={`#/projects/${projectId}/setup`}>Set up</a>}
        </div>
      </div>
      <Banner error={error ?? listError} onClose={() => { setError(null); setListError(null); }} />
      {counts && <Counts counts={counts} />}
      <form class="filters" id="task-filters" onSubmit={e => e.preventDefault()} aria-label="Filter the tasks">
        <Field id="filter-tag" label="Tag">
          <select id="filter-tag" value={filter.tag} onChange={set('tag')}>
            <option value="">Any tag</option>
            {Object.keys(counts?.byTag ?? {}).sort().map(t => <option key={t} value={t}>{t} ({counts.byTag[t]})</option>)}
          </select>
        </Field>
        <Field id="filter-state" label="State">
          <select id="filter-state" value={filter.completion} onChange={set('completion')}>
            {STATE_FILTERS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </Field>
        <Field id="filter-predictions" label="Predictions">
          <select id="filter-predictions" value={filter.predictions} onChange={set('predictions')}>
            <option value="">With or without</option><option value="any">With predictions</option>
            <option value="none">Without predictions</option>
          </select>
        </Field>
        <Field id="filter-score" label="Prediction score">
          <select id="filter-score" value={SCORE_FILTERS.find(f => f[2] === filter.minScore && f[3] === filter.maxScore)?.[0] ?? ''}
            onChange={e => {
              const [, , minScore, maxScore] = SCORE_FILTERS.find(f => f[0] === e.currentTarget.value);
              setFilter(f => ({ ...f, minScore, maxScore }));
            }}>
            {SCORE_FILTERS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </Field>
        {manages && <Field id="filter-assignee" label="Annotator">
          <input id="filter-assignee" value={filter.assignee} placeholder="Username" onInput={set('assignee')} />
        </Field>}
        <Field id="task-sort" label="Sort by">
          <select id="task-sort" value={sort} onChange={e => setSort(e.currentTarget.value)}>
            {SORTS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </Field>
        {filtered && <button type="button" class="link" onClick={() => setFilter(EMPTY_FILTER)}>Clear filters</button>}
      </form>
      {manages && page && page.total > 0 && (
        <BulkActions projectId={projectId} target={target} onDone={done} onPreannotate={() => setPreannotating(true)} />)}
      {page === null && !listError ? <Loading what="the tasks" /> : page && (
        page.items.length === 0
          ? <p class="empty" id="no-tasks">{filtered ? 'No task matches these filters.'
            : manages ? 'This project has no tasks yet. Import some below.'
            : 'No task is assigned to you in this project yet.'}</p>
          : <TaskTable project={project} user={user} page={page} manages={manages}
              selection={selection} onSelect={setSelection} />)}
      <Pager page={page} onPage={setPageNo} label="Tasks" />
      {manages ? <Import projectId={projectId} onImported={done} />
        : <p class="notice">{whyNot('MANAGE_TASKS').replace('do this', 'import, tag and assign tasks')}</p>}
      {preannotating && <Preannotate projectId={projectId} target={target}
        onClose={changed => { setPreannotating(false); if (changed) done(); }} />}
    </section>
  );
}

function Counts({ counts }) {
  return (
    <p class="counts" id="task-counts">
      <strong>{counts.tasks}</strong> {counts.tasks === 1 ? 'task' : 'tasks'} · {counts.withSubmitted} submitted ·{' '}
      {counts.withAccepted} accepted · {counts.withRejected} rejected · {counts.tasks - counts.withCompletions} not annotated
    </p>
  );
}

function TaskTable({ project, user, page, manages, selection, onSelect }) {
  const ids = page.items.map(t => t.id);
  const pageSelected = ids.every(id => selection.ids.has(id)) || selection.all;
  const toggle = id => onSelect(s => {
    const next = new Set(s.ids);
    next.has(id) ? next.delete(id) : next.add(id);
    return { ids: next, all: false };
  });
  const togglePage = () => onSelect(pageSelected ? { ids: new Set(), all: false } : { ids: new Set(ids), all: false });
  const more = page.total > page.items.length;
  return (
    <>
      {manages && (selection.ids.size > 0 || selection.all) && (
        <p class="notice" id="selection">
          {selection.all ? `All ${page.total} tasks matching the filters are selected.`
            : `${selection.ids.size} task${selection.ids.size === 1 ? ' is' : 's are'} selected.`}{' '}
          {!selection.all && more && pageSelected &&
            <button class="link" id="select-all" onClick={() => onSelect({ ids: new Set(), all: true })}>
              Select all {page.total} tasks matching the filters</button>}{' '}
          <button class="link" onClick={() => onSelect({ ids: new Set(), all: false })}>Clear the selection</button>
        </p>)}
      <table class="list" id="tasks">
        <thead><tr>
          {manages && <th scope="col"><input type="checkbox" id="select-page" aria-label="Select the tasks on this page"
            checked={pageSelected} onChange={togglePage} /></th>}
          <th scope="col">Text</th><th scope="col">Tags</th><th scope="col">State</th>
          <th scope="col">Predictions</th><th scope="col">Assigned</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr></thead>
        <tbody>{page.items.map(t => (
          <tr key={t.id} data-task={t.id} class={selection.all || selection.ids.has(t.id) ? 'selected' : undefined}>
            {manages && <td><input type="checkbox" aria-label={`Select “${excerpt(t.text, 40)}”`}
              checked={selection.all || selection.ids.has(t.id)} disabled={selection.all} onChange={() => toggle(t.id)} /></td>}
            <th scope="row" class="excerpt"><a href={`#/projects/${project.id}/tasks/${t.id}`}>{excerpt(t.text, 140)}</a></th>
            <td class="tags">{t.tags.length ? t.tags.map(tag => <span class="tag" key={tag}>{tag}</span>) : '—'}</td>
            <td class="task-state"><span class={`badge ${t.state}`}>{TASK_STATES[t.state] ?? t.state}</span>
              {t.annotators?.length > 0 && <span class="sub">by {t.annotators.join(', ')}</span>}</td>
            <td class="predictions">{t.predictions?.length ? t.predictions.map(p => (
              <span class="sub prediction" key={p.model + p.modelVersion}>
                {p.model} v{p.modelVersion}{p.score == null ? '' : ` · ${p.score.toFixed(2)}`}</span>)) : '—'}
              {t.uncertainty && <span class="sub uncertainty" title="The newest model's uncertainty about the whole text (MNLP: higher is less sure)">
                uncertainty {t.uncertainty.mnlp.toFixed(2)}</span>}</td>
            <td>{t.assignee ?? <span class="muted">no annotator</span>}
              {t.reviewer && <span class="sub">review: {t.reviewer}</span>}</td>
            <td class="actions">
              <a class="button" href={`#/projects/${project.id}/tasks/${t.id}`}>Annotate</a>
              {t.state === 'submitted' && may(project, user, 'REVIEW') &&
                <a class="button" href={`#/projects/${project.id}/tasks/${t.id}/review`}>Review</a>}
            </td>
          </tr>))}
        </tbody>
      </table>
    </>
  );
}

const excerpt = (text, n) => (text.length > n ? text.slice(0, n - 1).trimEnd() + '…' : text);

/** Tag, assign or pre-annotate the selected tasks (the ids, or the filter for all matching). */
function BulkActions({ projectId, target, onDone, onPreannotate }) {
  const [tags, setTags] = useState({ add: '', remove: '' });
  const [people, setPeople] = useState({ assignee: '', reviewer: '' });
  const [errors, setErrors] = useState({});
  const [saved, setSaved] = useState(null);
  const none = target.count === 0;
  const { count, ...which } = target;
  const list = s => s.split(',').map(t => t.trim()).filter(Boolean);
  async function send(what, method, path, body, success) {
    setErrors({});
    setSaved(null);
    try {
      const answer = await api(method, `/annotations/projects/${projectId}/tasks/${path}`, { ...which, ...body });
      setSaved({ what, text: success(answer) });
      onDone();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setErrors(Object.keys(err.fields).length ? err.fields : { [what]: err.message });
    }
  }
  const tag = e => {
    e.preventDefault();
    if (!list(tags.add).length && !list(tags.remove).length) return setErrors({ add: 'Name a tag to add or to remove.' });
    send('tags', 'POST', 'tags', { add: list(tags.add), remove: list(tags.remove) },
      a => `Tags changed on ${counted(a?.tasks ?? count, 'task')}.`);
  };
  const assign = e => {
    e.preventDefault();
    if (!people.assignee.trim() && !people.reviewer.trim()) return setErrors({ assignee: 'Name an annotator or a reviewer (or type - to clear).' });
    const value = v => (v.trim() === '-' ? '' : v.trim() || undefined);
    send('assign', 'PUT', 'assignment', { assignee: value(people.assignee), reviewer: value(people.reviewer) },
      a => `Assigned ${counted(a?.tasks ?? count, 'task')}.`);
  };
  const fieldError = (...keys) => keys.map(k => errors[k]).find(Boolean);
  return (
    <div class="card wide bulk" id="bulk-actions">
      <h2>{none ? 'Select tasks to tag, assign or pre-annotate them' : `With the ${count} selected ${count === 1 ? 'task' : 'tasks'}`}</h2>
      <div class="bulk-forms">
        <form class="inline" id="tag-form" onSubmit={tag}>
          <Field id="tags-add" label="Add tags" error={fieldError('add', 'add[0]', 'tags', 'taskIds', 'filter')}>
            <input id="tags-add" value={tags.add} placeholder="e.g. batch-2" disabled={none}
              onInput={e => setTags({ ...tags, add: e.currentTarget.value })} />
          </Field>
          <Field id="tags-remove" label="Remove tags" error={fieldError('remove', 'remove[0]')}>
            <input id="tags-remove" value={tags.remove} disabled={none}
              onInput={e => setTags({ ...tags, remove: e.currentTarget.value })} />
          </Field>
          <button type="submit" disabled={none}>Tag</button>
        </form>
        <form class="inline" id="assign-form" onSubmit={assign}>
          <Field id="assign-annotator" label="Annotator" error={fieldError('assignee', 'assign')}>
            <input id="assign-annotator" value={people.assignee} placeholder="Username" disabled={none}
              onInput={e => setPeople({ ...people, assignee: e.currentTarget.value })} />
          </Field>
          <Field id="assign-reviewer" label="Reviewer" error={fieldError('reviewer')}>
            <input id="assign-reviewer" value={people.reviewer} placeholder="Username" disabled={none}
              onInput={e => setPeople({ ...people, reviewer: e.currentTarget.value })} />
          </Field>
          <button type="submit" disabled={none}>Assign</button>
          <span class="hint">A dash (-) clears.</span>
        </form>
        <div class="inline">
          <button class="primary" id="preannotate-button" disabled={none} onClick={onPreannotate}>Pre-annotate…</button>
        </div>
      </div>
      {saved && <p class="saved" role="status">{saved.text}</p>}
    </div>
  );
}

const FORMATS = {
  json: { label: 'JSON', hint: 'An array of {"text": "…", "meta": {…}}.', accept: '.json,application/json' },
  text: { label: 'Text', hint: 'One task per line.', accept: '.txt,text/plain' },
  conll: { label: 'CoNLL', hint: 'token TAB tag, or 4 columns; each sentence a task, its tags a submitted completion.',
    accept: '.conll,.txt,.tsv' },
};

/** Import a file; the result says what was imported and which rows were skipped, and why. */
function Import({ projectId, onImported }) {
  const [format, setFormat] = useState('conll');
  const [file, setFile] = useState(null);
  const [tag, setTag] = useState('');
  const [skip, setSkip] = useState(false);
  const [errors, setErrors] = useState({});
  const [result, setResult] = useState(null);
  const [busy, setBusy] = useState(false);
  async function submit(e) {
    e.preventDefault();
    if (!file) return setErrors({ file: 'Choose a file to import.' });
    setBusy(true);
    setErrors({});
    setResult(null);
    try {
      const answer = await api('POST', `/annotations/projects/${projectId}/tasks/import`
        + query({ format, skipBadRows: skip || undefined, tag: tag.trim() }), file,
        format === 'json' ? 'application/json' : 'text/plain', { 'Idempotency-Key': actionKey() });
      setResult(answer);
      onImported();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setErrors(err.fields.tag || err.fields['tag[0]'] ? { tag: err.fields.tag ?? err.fields['tag[0]'] } : { file: err.message });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card wide" id="import" onSubmit={submit} noValidate>
      <h2>Import tasks</h2>
      <div class="grid">
        <Field id="import-format" label="Format" hint={FORMATS[format].hint}>
          <select id="import-format" value={format} onChange={e => setFormat(e.currentTarget.value)}>
            {Object.entries(FORMATS).map(([v, f]) => <option key={v} value={v}>{f.label}</option>)}
          </select>
        </Field>
        <Field id="import-file" label="File" error={errors.file}>
          <input id="import-file" type="file" accept={FORMATS[format].accept} aria-invalid={!!errors.file}
            aria-describedby={errors.file ? 'import-file-error' : undefined}
            onChange={e => setFile(e.currentTarget.files[0] ?? null)} />
        </Field>
        <Field id="import-tag" label="Tag the imported tasks (optional)" error={errors.tag}>
          <input id="import-tag" value={tag} placeholder="e.g. batch-1" onInput={e => setTag(e.currentTarget.value)} />
        </Field>
      </div>
      <label class="check"><input type="checkbox" id="import-skip" checked={skip} onChange={e => setSkip(e.currentTarget.checked)} />
        Skip bad rows and import the rest (otherwise a bad row stops the whole import)</label>
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Importing…' : 'Import'}</button>
      </div>
      {result && <ImportResult result={result} />}
    </form>
  );
}

function ImportResult({ result }) {
  return (
    <div id="import-result" role="status">
      <p class="saved">Imported {counted(result.imported, 'task')}
        {result.withCompletions ? `, ${result.withCompletions} with completions` : ''}.
        {result.skippedRows ? ` ${result.skippedRows} row${result.skippedRows === 1 ? ' was' : 's were'} skipped.` : ''}</p>
      {result.skipped?.length > 0 && (
        <table class="list compact" id="skipped-rows">
          <caption>Skipped rows{result.skipped.length < result.skippedRows ? ` (the first ${result.skipped.length})` : ''}</caption>
          <thead><tr><th scope="col">Line</th><th scope="col">Why</th></tr></thead>
          <tbody>{result.skipped.map(r => <tr key={r.line}><td>{r.line}</td><td>{r.message}</td></tr>)}</tbody>
        </table>)}
    </div>
  );
}
