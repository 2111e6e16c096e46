// Project setup: the labeling config with Label Studio's live preview, a model per label, members,
// training defaults, the test set, active learning, the task order and the quality gate. Each section saves on its own; a refused save shows its
// sentence next to the field and keeps what the user typed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, get, query } from '../api.js';
import { MEASURES } from '../taskOrder.js';
import { ROLE_NAMES, may, whyNot } from '../roles.js';
import { Banner, Field, Loading, Pager, counted, formatTime, useDebounced, usePagedList } from '../ui.jsx';
import { PARAMETERS, rangeErrors } from '../training.js';
import { loadEditor } from '../editor.js';

export function Setup({ user, projectId }) {
  const [project, setProject] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    get(`/projects/${projectId}`).then(setProject).catch(e => setError(e.message));
  }, [projectId]);
  if (error) return <Banner error={error} />;
  if (!project) return <Loading what="the project" />;
  const editable = may(project, user, 'EDIT_PROJECT');
  return (
    <section aria-labelledby="setup-title">
      <p class="crumbs"><a href="#/projects">Projects</a> / {project.name}</p>
      <h1 id="setup-title">Set up {project.name}</h1>
      {!editable && <p class="notice">{whyNot('EDIT_PROJECT')} You can look at the settings but not change them.</p>}
      <LabelingConfig project={project} editable={editable} />
      <Members project={project} user={user} />
      <TrainingDefaults project={project} editable={editable} />
      <TestSet project={project} user={user} editable={may(project, user, 'TRAIN')} />
      <ActiveLearning project={project} editable={editable} />
      <TaskOrder project={project} editable={may(project, user, 'TRAIN')} />
      {may(project, user, 'READ_TRAINING') && <QualityGate project={project} editable={may(project, user, 'DEPLOY')} />}
    </section>
  );
}

const SAMPLE = 'Aspirin lowers the risk of myocardial infarction in patients with type 2 diabetes.';
const STARTER = `<View>
  <Labels name="label" toName="text">
    <Label value="Chemical"/>
    <Label value="Disease"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>`;

/** The labeling config editor, its live preview, and the model picker of each label. */
function LabelingConfig({ project, editable }) {
  const [saved, setSaved] = useState(undefined);
  const [xml, setXml] = useState('');
  const [problem, setProblem] = useState(null);
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    get(`/projects/${project.id}/labeling-config`)
      .then(c => { setSaved(c); setXml(c.config); })
      .catch(e => { if (e.status === 404) { setSaved(null); setXml(STARTER); } else setProblem({ message: e.message }); });
  }, [project.id]);

  async function save(e) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const c = await api('PUT', `/projects/${project.id}/labeling-config`, xml, 'application/xml');
      setSaved(c);
      setDone('Saved.');
    } catch (err) {
      setProblem({ message: err.message, fields: err.fields ?? {} });
    } finally {
      setBusy(false);
    }
  }
  if (saved === undefined && !problem) return <div class="card wide"><Loading what="the labeling config" /></div>;
  return (
    <div class="card wide" id="labeling-config">
      <h2>Labeling config</h2>
      <form onSubmit={save}>
        <div class="split">
          <Field id="config-xml" label="Config (Label Studio XML)" error={problem && <ProblemText problem={problem} />}
            hint="Each Label may name the model that pre-annotates it: <Label value=&quot;Disease&quot; model=&quot;…&quot;/>.">
            <textarea id="config-xml" rows={14} spellcheck={false} value={xml} readOnly={!editable}
              aria-invalid={!!problem} onInput={e => { setXml(e.currentTarget.value); setDone(null); }} />
          </Field>
          <div class="preview">
            <p class="label-like">Preview</p>
            <Preview config={xml} />
          </div>
        </div>
        {editable && <button type="submit" class="primary" disabled={busy}>{busy ? 'Saving…' : 'Save config'}</button>}
        {done && <span class="saved" role="status">{done}</span>}
      </form>
      {saved && <LabelModels project={project} config={saved} editable={editable} onChange={c => { setSaved(c); setXml(c.config); }} />}
    </div>
  );
}

/** A refused save: the sentence, then one line per field the service named. */
function ProblemText({ problem }) {
  const fields = Object.entries(problem.fields ?? {});
  return (
    <>
      {problem.message}
      {fields.length > 1 && <ul class="field-errors">{fields.map(([f, m]) => <li key={f}>{f}: {m}</li>)}</ul>}
    </>
  );
}

function Preview({ config }) {
  const settled = useDebounced(config, 500);
  const host = useRef(null);
  const [state, setState] = useState('loading');
  useEffect(() => {
    let editor = null;
    let live = true;
    loadEditor().then(() => {
      if (!live || !host.current) return;
      if (!/<View[\s>]/.test(settled)) { setState('invalid'); return; }
      host.current.innerHTML = '<div></div>';
      try {
        editor = new window.LabelStudio(host.current.firstChild, {
          config: settled, interfaces: ['side-column'], user: { pk: 1, firstName: 'Preview' },
          task: { id: 1, data: { text: SAMPLE }, annotations: [], predictions: [] },
          // An empty annotation of the sample text, selected, so the labels and the text are drawn.
          onLabelStudioLoad: ls => {
            const annotation = ls.annotationStore.addAnnotation({ userGenerate: true });
            ls.annotationStore.selectAnnotation(annotation.id);
          },
        });
        setState('ready');
      } catch {
        setState('invalid');
      }
    }).catch(() => live && setState('failed'));
    return () => { live = false; try { editor?.destroy(); } catch { /* already gone */ } };
  }, [settled]);
  return (
    <div class="preview-box" aria-label="Preview of the labeling config">
      {state === 'loading' && <Loading what="the preview" />}
      {state === 'invalid' && <p class="error">The preview cannot draw this config: it is not a Label Studio &lt;View&gt;.</p>}
      {state === 'failed' && <p class="error">The preview could not be loaded. Reload the page to try again.</p>}
      <div ref={host} id="config-preview" />
    </div>
  );
}

/** One picker per label: the project's own models and the pretrained ones that predict it. */
function LabelModels({ project, config, editable, onChange }) {
  const [models, setModels] = useState(null);
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  useEffect(() => {
    Promise.all([get('/models' + query({ project: project.name, size: 200 })), get('/models?size=200')])
      .then(([own, all]) => {
        const byName = new Map();
        for (const m of [...own.items, ...all.items]) {
          if (m.pretrained || m.projectId === project.id) byName.set(m.name, m);
        }
        setModels([...byName.values()]);
      })
      .catch(e => setError(e.message));
  }, [project.id]);

  async function bind(label, model) {
    setErrors(e => ({ ...e, [label]: null }));
    try {
      onChange(await api('PUT', `/projects/${project.id}/labels/${encodeURIComponent(label)}/model`, { model: model || null }));
    } catch (err) {
      setErrors(e => ({ ...e, [label]: err.message }));
    }
  }
  if (error) return <Banner error={error} />;
  if (!models) return <Loading what="the models" />;
  return (
    <div class="label-models">
      <h3>Model of each label</h3>
      <p class="hint">A model pre-annotates only the labels bound to it. The list shows this project's models and the pretrained ones that predict the label; hover over one for its training date.</p>
      <table class="list compact">
        <thead><tr><th scope="col">Label</th><th scope="col">Model</th></tr></thead>
        <tbody>{config.labels.map(l => {
          const fitting = models.filter(m => m.labels.includes(l.value));
          const id = `model-of-${l.value}`;
          return (
            <tr key={l.value}>
              <th scope="row"><label for={id}>{l.value}</label></th>
              <td>
                <select id={id} value={l.model ?? ''} disabled={!editable} aria-invalid={!!errors[l.value]}
                  title={describe(models.find(m => m.name === l.model))}
                  onChange={e => bind(l.value, e.currentTarget.value)}>
                  <option value="">No model</option>
                  {l.model && !fitting.some(m => m.name === l.model) && <option value={l.model}>{l.model} (not available)</option>}
                  {fitting.map(m => <option key={m.name} value={m.name} title={describe(m)}>{m.name} — {m.labels.join(', ')}</option>)}
                </select>
                {fitting.length === 0 && <span class="hint"> No model predicts {l.value} yet: train one.</span>}
                {errors[l.value] && <p class="error" role="alert">{errors[l.value]}</p>}
              </td>
            </tr>
          );
        })}</tbody>
      </table>
    </div>
  );
}

function describe(model) {
  if (!model) return '';
  return model.pretrained ? `${model.name}: pretrained` : `${model.name}: trained ${formatTime(model.trainedAt)}`;
}

const ROLES = ['OWNER', 'MANAGER', 'REVIEWER', 'ANNOTATOR'];

function Members({ project, user }) {
  const manage = may(project, user, 'MANAGE_MEMBERS');
  const [reload, setReload] = useState(0);
  const { page, setPageNo, error, setError } = usePagedList(
    pageNo => get(`/projects/${project.id}/members` + query({ page: pageNo, size: 20, sort: 'username' })), [project.id, reload]);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState('ANNOTATOR');
  const [addError, setAddError] = useState(null);

  async function act(method, path, body) {
    setError(null);
    try {
      await api(method, path, body);
      setReload(r => r + 1);
      return true;
    } catch (e) {
      setError(e.message);
      return false;
    }
  }
  async function add(e) {
    e.preventDefault();
    setAddError(null);
    try {
      await api('POST', `/projects/${project.id}/members`, { username: username.trim(), role });
      setUsername('');
      setReload(r => r + 1);
    } catch (err) {
      setAddError(err.fields?.username ?? err.message);
    }
  }
  return (
    <div class="card wide" id="members">
      <h2>Members</h2>
      {!manage && <p class="notice">{whyNot('MANAGE_MEMBERS')}</p>}
      <Banner error={error} onClose={() => setError(null)} />
      {!page ? <Loading what="the members" /> : (
        <table class="list compact">
          <thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>{page.items.map(m => (
            <tr key={m.username} data-member={m.username}>
              <th scope="row">{m.username}</th>
              <td>
                <label class="visually-hidden" for={`role-${m.username}`}>Role of {m.username}</label>
                <select id={`role-${m.username}`} value={m.role} disabled={!manage}
                  onChange={e => act('PUT', `/projects/${project.id}/members/${encodeURIComponent(m.username)}`, { role: e.currentTarget.value })}>
                  {ROLES.map(r => <option key={r} value={r}>{ROLE_NAMES[r]}</option>)}
                </select>
              </td>
              <td class="actions">
                <button class="danger" disabled={!manage} title={manage ? `Remove ${m.username}` : whyNot('MANAGE_MEMBERS')}
                  onClick={() => act('DELETE', `/projects/${project.id}/members/${encodeURIComponent(m.username)}`)}>Remove</button>
              </td>
            </tr>))}
          </tbody>
        </table>)}
      <Pager page={page} onPage={setPageNo} label="Members" />
      {manage && (
        <form class="inline" onSubmit={add} id="add-member">
          <Field id="member-username" label="User name" error={addError}>
            <input id="member-username" value={username} required aria-invalid={!!addError}
              onInput={e => setUsername(e.currentTarget.value)} />
          </Field>
          <Field id="member-role" label="Role">
            <select id="member-role" value={role} onChange={e => setRole(e.currentTarget.value)}>
              {ROLES.map(r => <option key={r} value={r}>{ROLE_NAMES[r]}</option>)}
            </select>
          </Field>
          <button type="submit" class="primary" disabled={!username.trim()}>Add member</button>
        </form>)}
    </div>
  );
}

/**
 * A settings form: loads, keeps what was typed, saves, shows the service's field errors inline;
 * `saved` is the value as the service last answered it.
 */
function useSettings(path, toForm, toBody) {
  const [form, setForm] = useState(null);
  const [saved, setSaved] = useState(null);
  const [errors, setErrors] = useState({});
  const [status, setStatus] = useState(null);
  const show = v => { setSaved(v); setForm(toForm(v)); };
  useEffect(() => { get(path).then(show).catch(e => setErrors({ form: e.message })); }, [path]);
  const set = key => e => {
    const value = e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value;
    setForm(f => ({ ...f, [key]: value }));
    setStatus(null);
  };
  async function save(e, local = {}) {
    e.preventDefault();
    setStatus(null);
    if (Object.keys(local).length) { setErrors(local); return; }
    setErrors({});
    try {
      show(await api('PUT', path, toBody(form)));
      setStatus('Saved.');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setErrors(Object.keys(err.fields).length ? err.fields : { form: err.message });
    }
  }
  return { form, saved, errors, status, set, save };
}

function TrainingDefaults({ project, editable }) {
  const s = useSettings(`/projects/${project.id}/training-parameters`,
    v => Object.fromEntries(PARAMETERS.map(p => [p.key, String(v[p.key])])),
    f => Object.fromEntries(PARAMETERS.map(p => [p.key, Number(f[p.key])])));
  if (!s.form) return <div class="card wide"><Banner error={s.errors.form} />{!s.errors.form && <Loading what="the training defaults" />}</div>;
  return (
    <form class="card wide" id="training-defaults" onSubmit={e => s.save(e, rangeErrors(s.form))} noValidate>
      <h2>Training defaults</h2>
      <p class="hint">What Train Now and automatic trainings use unless a run asks otherwise.</p>
      <Banner error={s.errors.form} />
      <div class="grid">
        {PARAMETERS.map(p => (
          <Field key={p.key} id={`param-${p.key}`} label={p.label} error={s.errors[p.key]} hint={p.hint}>
            <input id={`param-${p.key}`} type="number" min={p.min} max={p.max} step={p.step} value={s.form[p.key]}
              readOnly={!editable} aria-invalid={!!s.errors[p.key]}
              aria-describedby={s.errors[p.key] ? `param-${p.key}-error` : `param-${p.key}-hint`} onInput={s.set(p.key)} />
          </Field>))}
      </div>
      {editable && <button type="submit" class="primary">Save training defaults</button>}
      {s.status && <span class="saved" role="status">{s.status}</span>}
    </form>
  );
}

const TAG = /^[\p{L}\p{N}_.:-]{1,100}$/u;

/** The test tag (annotation-service's setting) and what the test set holds now. */
function TestSet({ project, user, editable }) {
  const s = useSettings(`/annotations/projects/${project.id}/test-set/settings`, v => ({ tag: v.tag }),
    f => ({ tag: f.tag.trim() }));
  const [summary, setSummary] = useState(null);
  const readsSet = may(project, user, 'READ_TRAINING');
  useEffect(() => {
    if (readsSet) get(`/annotations/projects/${project.id}/test-set/summary`).then(setSummary).catch(() => setSummary(null));
  }, [project.id, s.saved]);
  if (!s.form) return <div class="card wide"><Banner error={s.errors.form} />{!s.errors.form && <Loading what="the test set" />}</div>;
  const check = () => TAG.test(s.form.tag.trim()) ? {} : { tag: 'A tag is 1 to 100 letters, digits, or _ . : - (no spaces).' };
  return (
    <form class="card wide" id="test-set" onSubmit={e => s.save(e, check())} noValidate>
      <h2>Test set</h2>
      <p class="hint">Tasks with the test tag are never trained on: they are the test set every model of the project is measured on.</p>
      <Banner error={s.errors.form} />
      <Field id="test-tag" label="Test tag" error={s.errors.tag} hint="Tag tasks with it on the Tasks screen.">
        <input id="test-tag" value={s.form.tag} readOnly={!editable} aria-invalid={!!s.errors.tag}
          aria-describedby={s.errors.tag ? 'test-tag-error' : 'test-tag-hint'} onInput={s.set('tag')} />
      </Field>
      {summary && <p class="hint" id="test-set-size">{testSetText(summary)}</p>}
      {editable && <button type="submit" class="primary">Save test tag</button>}
      {s.status && <span class="saved" role="status">{s.status}</span>}
    </form>
  );
}

function testSetText({ tag, selected }) {
  const n = selected.selectedCompletions;
  if (n === 0) return `No task tagged "${tag}" has a submitted completion yet, so there is no test set: models are measured on a split of the training set.`;
  const entities = Object.values(selected.entitiesPerLabel).reduce((a, b) => a + b, 0);
  return `${counted(n, 'task')} tagged "${tag}" with a submitted completion (${counted(entities, 'entity', 'entities')}) form the test set.`;
}

/** The quality gate's tolerance (deploy-service): how much lower a new model's test F1 may be. */
function QualityGate({ project, editable }) {
  const s = useSettings(`/deployments/projects/${project.id}/quality-gate/settings`, v => ({ tolerance: String(v.tolerance) }),
    f => ({ tolerance: Number(f.tolerance) }));
  if (!s.form) return <div class="card wide"><Banner error={s.errors.form} />{!s.errors.form && <Loading what="the quality gate" />}</div>;
  const check = () => {
    const text = s.form.tolerance.trim();
    const n = Number(text);
    return text !== '' && n >= 0 && n <= 1 ? {} : { tolerance: 'The tolerance is a number from 0 to 1 (0.01 is one point of F1).' };
  };
  return (
    <form class="card wide" id="quality-gate" onSubmit={e => s.save(e, check())} noValidate>
      <h2>Quality gate</h2>
      <p class="hint">A model trained with "deploy" replaces the deployed one only if its F1 on the test set is at least
        the deployed model's on the same tasks, less this tolerance. Otherwise it is kept, not deployed, and the run says why;
        an Owner or Manager can still deploy it from the run.</p>
      <Banner error={s.errors.form} />
      <div class="grid">
        <Field id="gate-tolerance" label="Tolerance (F1)" error={s.errors.tolerance} hint="0: at least as good; 0.01: up to one point of F1 worse.">
          <input id="gate-tolerance" inputMode="decimal" value={s.form.tolerance} readOnly={!editable} aria-invalid={!!s.errors.tolerance}
            aria-describedby={s.errors.tolerance ? 'gate-tolerance-error' : 'gate-tolerance-hint'} onInput={s.set('tolerance')} />
        </Field>
      </div>
      {editable && <button type="submit" class="primary">Save tolerance</button>}
      {s.status && <span class="saved" role="status">{s.status}</span>}
    </form>
  );
}

const STRATEGIES = [
  ['sequential', 'In import order'],
  ['random', 'Random (seeded)'],
  ['uncertainty', 'Most uncertain first'],
];

/** Which task Next task offers (annotation-service's setting): import order, seeded random, or most uncertain first. */
function TaskOrder({ project, editable }) {
  const s = useSettings(`/annotations/projects/${project.id}/task-order`,
    v => ({ strategy: v.strategy, measure: v.measure, seed: String(v.seed) }),
    // Only what the chosen order uses is sent: the others keep their saved value (and cannot be refused unseen).
    f => ({ strategy: f.strategy, measure: f.strategy === 'uncertainty' ? f.measure : undefined,
      seed: f.strategy === 'random' ? Number(f.seed) : undefined }));
  if (!s.form) return <div class="card wide"><Banner error={s.errors.form} />{!s.errors.form && <Loading what="the task order" />}</div>;
  const check = () => {
    const n = Number(s.form.seed);
    return s.form.strategy !== 'random' || (s.form.seed.trim() !== '' && Number.isInteger(n) && n >= 0)
      ? {} : { seed: 'The seed is a whole number, 0 or more.' };
  };
  return (
    <form class="card wide" id="task-order" onSubmit={e => s.save(e, check())} noValidate>
      <h2>Task order</h2>
      <p class="hint">Which task <b>Next task</b> offers each annotator, among the tasks they may take that nobody has
        submitted. "Most uncertain first" offers the task the deployed model is least sure of, from its newest
        pre-annotation, so each completion teaches the next model the most; tasks not pre-annotated yet come after.</p>
      <Banner error={s.errors.form} />
      <fieldset class="choices" id="order-strategy" disabled={!editable}>
        <legend>Order</legend>
        {STRATEGIES.map(([value, label]) => (
          <label class="check" key={value}><input type="radio" name="order-strategy" value={value} id={`order-${value}`}
            checked={s.form.strategy === value} onChange={s.set('strategy')} /> {label}</label>))}
        {s.errors.strategy && <p class="error" id="order-strategy-error">{s.errors.strategy}</p>}
      </fieldset>
      {s.form.strategy === 'uncertainty' && (
        <Field id="order-measure" label="Uncertainty measure" error={s.errors.measure}>
          <select id="order-measure" value={s.form.measure} disabled={!editable} onChange={s.set('measure')}>
            {MEASURES.map(m => <option key={m.value} value={m.value}>{m.label}</option>)}
          </select>
        </Field>)}
      {s.form.strategy === 'random' && (
        <Field id="order-seed" label="Seed" error={s.errors.seed} hint="The same seed gives the same order.">
          <input id="order-seed" type="number" min={0} step={1} value={s.form.seed} readOnly={!editable}
            aria-invalid={!!s.errors.seed} aria-describedby={s.errors.seed ? 'order-seed-error' : 'order-seed-hint'}
            onInput={s.set('seed')} />
        </Field>)}
      {editable && <button type="submit" class="primary">Save task order</button>}
      {s.status && <span class="saved" role="status">{s.status}</span>}
    </form>
  );
}

const EVERY = ['50', '100', '200'];

function ActiveLearning({ project, editable }) {
  const s = useSettings(`/projects/${project.id}/active-learning`,
    v => ({ enabled: v.enabled, every: String(v.everyNCompletions), deployAfterTraining: v.deployAfterTraining }),
    f => ({ enabled: f.enabled, everyNCompletions: Number(f.every), deployAfterTraining: f.deployAfterTraining }));
  const [next, setNext] = useState(null);
  useEffect(() => {
    get(`/trainings/projects/${project.id}/trainings/status`).then(setNext).catch(() => setNext(false));
  }, [project.id, s.status]);
  if (!s.form) return <div class="card wide"><Banner error={s.errors.form} />{!s.errors.form && <Loading what="the active-learning settings" />}</div>;
  const custom = !EVERY.includes(s.form.every);
  const check = () => {
    const n = Number(s.form.every);
    return Number.isInteger(n) && n >= 1 && n <= 100000 ? {} : { everyNCompletions: 'Train every 1 to 100,000 completions.' };
  };
  return (
    <form class="card wide" id="active-learning" onSubmit={e => s.save(e, check())} noValidate>
      <h2>Active learning</h2>
      <Banner error={s.errors.form} />
      <label class="check"><input type="checkbox" id="al-enabled" checked={s.form.enabled} disabled={!editable}
        onChange={s.set('enabled')} /> Train automatically as completions arrive</label>
      <Field id="al-every" label="Train after every" error={s.errors.everyNCompletions} hint="Submitted completions of the training set since the last training.">
        <div class="row">
          <select id="al-every" value={custom ? 'custom' : s.form.every} disabled={!editable}
            onChange={e => s.set('every')({ currentTarget: { value: e.currentTarget.value === 'custom' ? '' : e.currentTarget.value } })}>
            {EVERY.map(n => <option key={n} value={n}>{n} completions</option>)}
            <option value="custom">Another number…</option>
          </select>
          {custom && <input id="al-every-custom" type="number" min={1} max={100000} step={1} value={s.form.every}
            aria-label="Number of completions" aria-invalid={!!s.errors.everyNCompletions} readOnly={!editable}
            onInput={s.set('every')} />}
        </div>
      </Field>
      <label class="check"><input type="checkbox" id="al-deploy" checked={s.form.deployAfterTraining} disabled={!editable}
        onChange={s.set('deployAfterTraining')} /> Deploy the new model after each training</label>
      <p class="hint" id="al-next">{nextText(next, s.saved)}</p>
      {editable && <button type="submit" class="primary">Save active learning</button>}
      {s.status && <span class="saved" role="status">{s.status}</span>}
    </form>
  );
}

/**
 * When the next automatic training starts, from the settings as saved (project-service's) and the
 * training set's count since the last training (training-service's status, whose copy of the
 * settings may be a moment behind a save).
 */
function nextText(status, saved) {
  if (status === null || !saved) return 'Reading when the next automatic training starts…';
  if (status === false) return '';
  if (!saved.enabled) return 'Automatic training is off.';
  const al = status.activeLearning;
  const sinceLast = status.selectedCount - (al.nextAtSelected - al.everyNCompletions);
  const more = Math.max(0, saved.everyNCompletions - sinceLast);
  return more === 0 ? 'The next automatic training starts as soon as the project is free.'
    : `Next automatic training after ${more} more completion${more === 1 ? '' : 's'}.`;
}
