// Projects: the projects the user can see, with their role, task counts and the last training's
// state; search by name; create; delete (Owner).
import { useState } from 'preact/hooks';
import { ApiError, api, get, query } from '../api.js';
import { ROLE_NAMES, actingRole, may, whyNot } from '../roles.js';
import { Banner, Field, Loading, Pager, ScreenHead, formatTime, useDebounced, usePagedList } from '../ui.jsx';
import { STATE_NAMES } from '../training.js';

const PAGE_SIZE = 20;

export function Projects({ user }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const [details, setDetails] = useState({});
  const [reload, setReload] = useState(0);
  const { page, setPageNo, error, setError } = usePagedList(
    pageNo => get('/projects' + query({ q, page: pageNo, size: PAGE_SIZE, sort: 'name' })), [q, reload],
    (p, live) => loadDetails(p.items, user, d => live() && setDetails(d)));

  return (
    <section aria-labelledby="projects-title">
      <ScreenHead id="projects" title="Projects" search={search} onSearch={setSearch}
        label="Search projects by name" placeholder="Search by name" />
      <Banner error={error} onClose={() => setError(null)} />
      {page === null && !error ? <Loading what="projects" /> : page && (
        page.items.length === 0
          ? <p class="empty">{q ? `No project's name contains "${q}".` : 'You are not in any project yet. Create one below.'}</p>
          : <table class="list" id="projects">
              <thead><tr><th scope="col">Name</th><th scope="col">Your role</th><th scope="col">Tasks</th>
                <th scope="col">Last training</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
              <tbody>{page.items.map(p => (
                <ProjectRow key={p.id} project={p} user={user} detail={details[p.id]}
                  onDeleted={() => setReload(r => r + 1)} onError={setError} />))}
              </tbody>
            </table>
      )}
      <Pager page={page} onPage={setPageNo} label="Projects" />
      {/* The list shows the new project at once, whichever page its name sorts to. */}
      <CreateProject onCreated={name => { setSearch(name); setReload(r => r + 1); }} />
    </section>
  );
}

/** Task counts and the last training of each project the user may read them of, fetched together. */
function loadDetails(projects, user, done) {
  Promise.all(projects.map(async p => {
    if (!may(p, user, 'READ_TRAINING')) return [p.id, { hidden: true }];
    const [counts, runs] = await Promise.all([
      get(`/annotations/projects/${p.id}/tasks/counts`).catch(() => null),
      get(`/trainings/projects/${p.id}/trainings?size=1`).catch(() => null)]);
    return [p.id, { counts, run: runs?.items?.[0] ?? null }];
  })).then(entries => done(Object.fromEntries(entries)));
}

function ProjectRow({ project, user, detail, onDeleted, onError }) {
  const role = actingRole(project, user);
  const canDelete = may(project, user, 'DELETE_PROJECT');
  const canSetUp = may(project, user, 'EDIT_PROJECT');
  async function remove() {
    if (!confirm(`Delete the project "${project.name}"? Its tasks, completions and models go with it.`)) return;
    try {
      await api('DELETE', `/projects/${project.id}`);
      onDeleted();
    } catch (e) {
      onError(e.message);
    }
  }
  return (
    <tr data-project={project.name}>
      <th scope="row">{project.name}{project.description && <span class="sub">{project.description}</span>}</th>
      <td class="role">{ROLE_NAMES[role] ?? '—'}{!project.myRole && role && <span class="sub">as administrator</span>}</td>
      <td>{detail === undefined ? '…' : detail.hidden ? <span title="Task counts are shown to Owners, Managers and Reviewers">—</span>
        : !detail.counts ? '—' : detail.counts.tasks === 0 ? 'No tasks yet'
        : `${detail.counts.withSubmitted} of ${detail.counts.tasks} submitted`}</td>
      <td>{detail === undefined ? '…' : detail.hidden || !detail.run ? (detail.hidden ? '—' : 'Never trained')
        : <span class={`state ${detail.run.state.toLowerCase()}`} title={formatTime(detail.run.finishedAt ?? detail.run.createdAt)}>
            {STATE_NAMES[detail.run.state] ?? detail.run.state} · run {detail.run.number}</span>}</td>
      <td class="actions">
        <a class="button" href={`#/projects/${project.id}/tasks`}>Tasks</a>
        {canSetUp
          ? <a class="button" href={`#/projects/${project.id}/setup`}>Set up</a>
          : <span class="button disabled" aria-disabled="true" title={whyNot('EDIT_PROJECT')}>Set up</span>}
        {may(project, user, 'READ_TRAINING')
          ? <a class="button" href={`#/projects/${project.id}/training`}>Training</a>
          : <span class="button disabled training" aria-disabled="true" title={whyNot('READ_TRAINING')}>Training</span>}
        <button class="danger" onClick={remove} disabled={!canDelete}
          title={canDelete ? `Delete ${project.name}` : whyNot('DELETE_PROJECT')}>Delete</button>
      </td>
    </tr>
  );
}

function CreateProject({ onCreated }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  async function submit(e) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await api('POST', '/projects', { name: name.trim(), description: description.trim() || null });
      setName('');
      setDescription('');
      onCreated(name.trim());
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setErrors(err.reason === 'PROJECT_NAME_TAKEN' ? { name: err.message }
        : Object.keys(err.fields).length ? err.fields : { form: err.message });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card" id="create-project" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">New project</h2>
      <Banner error={errors.form} />
      <Field id="project-name" label="Name" error={errors.name} hint="Unique on this platform, e.g. “Chemicals and Diseases”.">
        <input id="project-name" value={name} required maxLength={200} aria-invalid={!!errors.name}
          aria-describedby={errors.name ? 'project-name-error' : 'project-name-hint'}
          onInput={e => setName(e.currentTarget.value)} />
      </Field>
      <Field id="project-description" label="Description (optional)" error={errors.description}>
        <input id="project-description" value={description} maxLength={2000}
          onInput={e => setDescription(e.currentTarget.value)} />
      </Field>
      <button type="submit" class="primary" disabled={busy || !name.trim()}>{busy ? 'Creating…' : 'Create project'}</button>
    </form>
  );
}
