// Models: the registry, filtered by the project's name as users see it; each model's labels and
// per-label scores, when it was trained and by which run, and whether it is deployed now.
import { useState } from 'preact/hooks';
import { get, query } from '../api.js';
import { Banner, Loading, Pager, ScreenHead, formatTime, useDebounced, usePagedList } from '../ui.jsx';

export function Models() {
  const [search, setSearch] = useState(new URLSearchParams(location.hash.split('?')[1] ?? '').get('project') ?? '');
  const project = useDebounced(search);
  const [context, setContext] = useState({ runs: {}, deployed: {} });
  const { page, setPageNo, error } = usePagedList(
    pageNo => get('/models' + query({ project, page: pageNo, size: 20 })), [project],
    (p, live) => loadContext(p.items).then(c => live() && setContext(c)));

  return (
    <section aria-labelledby="models-title">
      <ScreenHead id="models" title="Models" search={search} onSearch={setSearch}
        label="Filter by project name" placeholder="Filter by project name" />
      <Banner error={error} />
      {page === null && !error ? <Loading what="models" /> : page && (
        page.items.length === 0
          ? <p class="empty">{project ? `No model of a project named like "${project}".` : 'No model yet: train one from a project.'}</p>
          : <table class="list" id="models">
              <thead><tr><th scope="col">Model</th><th scope="col">Labels and scores (F1 · precision · recall)</th>
                <th scope="col">Trained</th><th scope="col">Deployed</th></tr></thead>
              <tbody>{page.items.map(m => <ModelRow key={m.name} model={m} context={context} />)}</tbody>
            </table>)}
      <Pager page={page} onPage={setPageNo} label="Models" />
    </section>
  );
}

/** The run number of each model's run and what each project serves now, asked once per page. */
async function loadContext(models) {
  const runIds = [...new Set(models.map(m => m.trainingRun).filter(Boolean))];
  const projectIds = [...new Set(models.map(m => m.projectId).filter(Boolean))];
  const [runs, deployed] = await Promise.all([
    Promise.all(runIds.map(id => get(`/trainings/trainings/${id}`).then(r => [id, r.number]).catch(() => [id, null]))),
    Promise.all(projectIds.map(id => get(`/deployments/projects/${id}/deployments/latest`)
      .then(l => [id, (l.serving?.models ?? []).map(m => m.name)]).catch(() => [id, []])))]);
  return { runs: Object.fromEntries(runs), deployed: Object.fromEntries(deployed) };
}

const pct = v => (v == null ? '–' : `${Math.round(v * 100)}%`);

function ModelRow({ model, context }) {
  const perLabel = model.metrics?.perLabel ?? {};
  const run = context.runs[model.trainingRun];
  const deployed = model.projectId && (context.deployed[model.projectId] ?? []).includes(model.name);
  return (
    <tr data-model={model.name}>
      <th scope="row">{model.name}<span class="sub">{model.pretrained ? 'pretrained' : `version ${model.version}`}</span></th>
      <td>{model.labels.map(label => {
        const s = perLabel[label];
        return <div key={label} class="score"><strong>{label}</strong>{s ? ` ${pct(s.f1)} · ${pct(s.precision)} · ${pct(s.recall)}` : model.pretrained ? '' : ' not evaluated'}</div>;
      })}</td>
      <td>{model.pretrained ? '—' : <span class="trained" title={`Trained ${formatTime(model.trainedAt)}`}>
        {new Date(model.trainedAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}
        {run != null && <span class="sub">by training run {run}</span>}</span>}</td>
      <td>{model.pretrained ? '—' : deployed ? <span class="state succeeded">Serving</span> : 'No'}</td>
    </tr>
  );
}
