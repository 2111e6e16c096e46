// Label Studio's editor (1.4.0, its prebuilt bundle served by the platform under
// /vendor/label-studio/), loaded the first time a screen shows it, and driven here: the
// platform's spans go in as the editor's regions, the user's regions come out as spans.
//
// Offsets: the platform's spans are UTF-16 offsets into the task text (as Java counts them), the
// editor's value.start/end count code points. They are the same unless the text holds characters
// beyond the Basic Multilingual Plane (emoji, some CJK), which are converted here.

const BASE = '/vendor/label-studio';
let loading = null;

/** The editor's constructor, once its script and stylesheet are loaded (added to the page once). */
export function loadEditor() {
  if (window.LabelStudio) return Promise.resolve(window.LabelStudio);
  loading ??= new Promise((resolve, reject) => {
    if (!document.querySelector(`link[href="${BASE}/main.css"]`)) {
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = `${BASE}/main.css`;
      document.head.appendChild(css);
    }
    // Another screen may have started loading it already: wait for that script.
    let js = document.querySelector(`script[src="${BASE}/main.js"]`);
    if (!js) {
      js = document.createElement('script');
      js.src = `${BASE}/main.js`;
      document.head.appendChild(js);
    }
    js.addEventListener('load', () => (window.LabelStudio ? resolve(window.LabelStudio) : reject(new Error('no editor'))));
    js.addEventListener('error', () => reject(new Error('the editor could not be loaded')));
  }).catch(e => {
    loading = null; // a later visit tries again
    throw e;
  });
  return loading;
}

/**
 * What the editor needs from a labeling config: the name of its Labels control, of the text it
 * labels and the task field that text comes from ($text). Null when the XML has no Labels on a Text.
 */
export function readConfig(xml) {
  const doc = new DOMParser().parseFromString(xml ?? '', 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return null;
  const attr = (el, name) => el.getAttribute(name) ?? el.getAttribute(name.toLowerCase());
  const labels = [...doc.getElementsByTagName('*')].find(el => el.tagName === 'Labels');
  if (!labels) return null;
  const fromName = attr(labels, 'name');
  const toName = attr(labels, 'toName');
  const text = [...doc.getElementsByTagName('*')].find(el => el.tagName === 'Text' && attr(el, 'name') === toName);
  const value = text && attr(text, 'value');
  if (!fromName || !value?.startsWith('$')) return null;
  return { fromName, toName, dataKey: value.slice(1) };
}

const ASTRAL = /[\uD800-\uDFFF]/;
/** UTF-16 offset → code-point offset. */
const toPoints = (text, i) => (ASTRAL.test(text) ? [...text.slice(0, i)].length : i);
/** Code-point offset → UTF-16 offset. */
const toUnits = (text, p) => (ASTRAL.test(text) ? [...text].slice(0, p).join('').length : p);

/** Spans ({start, end, label, confidence?}) as the editor's results. */
export function toResults(spans, text, names, prefix) {
  return spans.map((s, i) => ({
    id: `${prefix}${i}`,
    from_name: names.fromName,
    to_name: names.toName,
    type: 'labels',
    value: {
      start: toPoints(text, s.start), end: toPoints(text, s.end), text: text.slice(s.start, s.end), labels: [s.label],
      ...(s.confidence != null ? { score: s.confidence } : {}),
    },
  }));
}

/** The editor's results as spans, in text order: one span per label of a region. */
export function toSpans(results, text, names) {
  return results
    .filter(r => r.type === 'labels' && r.from_name === names.fromName && r.value?.labels?.length)
    .flatMap(r => {
      const [start, end] = fit(text, toUnits(text, r.value.start), toUnits(text, r.value.end), r.value.text);
      return r.value.labels.map(label => ({ start, end, label }));
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * A new region's offsets, checked against the text it quotes. Label Studio 1.4.0 counts a
 * selection's offsets partly in code points and partly in UTF-16 units when astral characters
 * precede it in another part of the text (a highlighted region splits it), so they can be off by
 * up to one per such character: the quoted text's nearest occurrence within that distance wins.
 */
function fit(text, start, end, quoted) {
  if (!quoted || !ASTRAL.test(text) || text.slice(start, end) === quoted) return [start, end];
  const slack = (text.match(/[\uD800-\uDBFF]/g) ?? []).length;
  for (let d = 1; d <= slack; d++) {
    for (const at of [start - d, start + d]) if (text.startsWith(quoted, at) && at >= 0) return [at, at + quoted.length];
  }
  return [start, end];
}

/**
 * Draws the editor in `host` and resolves once it shows the task.
 *
 * options:
 * - config (XML), names (readConfig's), text
 * - annotations: [{key, spans, name, readOnly}] — the completions to show; the first is selected
 * - predictions: [{key, name, score, spans}] — drawn read-only, each named (e.g. "ner_disease v3")
 * - startFrom: a prediction's key when there is no annotation: the user's new one starts as its
 *   copy (else empty); newKey: the new annotation's key ('new')
 * - user: the name shown as the annotations' author
 * - onSave: called on Ctrl+Enter in an editable annotation
 *
 * The editor returned: spans() of the selected annotation, show(key) an annotation or a
 * prediction, shown(), destroy().
 */
export async function mountEditor(host, options) {
  const LabelStudio = await loadEditor();
  const { config, names, text, annotations = [], predictions = [], startFrom, user, onSave, newKey = 'new' } = options;
  const byKey = new Map();
  const readOnly = new Set(annotations.filter(a => a.readOnly).map(a => a.key));
  let store = null;
  let destroyed = false;
  let ls = null;

  const editable = annotations.length === 0 || annotations.some(a => !a.readOnly);
  host.textContent = '';
  const root = document.createElement('div');
  host.appendChild(root);

  // pk: a small number per entity (the editor shows it as "#n" and wants numbers-like strings).
  const task = {
    id: 1,
    data: { [names.dataKey]: text },
    annotations: annotations.map((a, i) => ({
      id: 100 + i, pk: String(100 + i), createdBy: a.name ?? user, result: toResults(a.spans, text, names, `a${i}-`),
    })).reverse(), // the editor puts each one first: reversed, the first given is the first shown
    predictions: predictions.map((p, i) => ({
      id: 200 + i, pk: String(200 + i), createdBy: p.name, model_version: p.name, score: p.score ?? undefined,
      result: toResults(p.spans, text, names, `p${i}-`),
    })).reverse(),
  };

  const ready = new Promise((resolve, reject) => {
    try {
      ls = new LabelStudio(root, {
        config,
        interfaces: editable ? ['side-column', 'submit', 'update'] : ['side-column'],
        user: { pk: 1, firstName: user ?? '', lastName: '' },
        task,
        // Called while the editor is being created: its own destroy() exists once it has drawn,
        // right after this (hence the timeouts).
        onStorageInitialized: s => {
          store = s;
          if (destroyed) { setTimeout(quit); return; }
          const as = s.annotationStore;
          as.annotations.forEach(a => byKey.set(annotations[Number(a.pk) - 100].key, a));
          as.predictions.forEach(p => byKey.set(predictions[Number(p.pk) - 200].key, p));
          if (annotations.length === 0) {
            const from = startFrom != null && byKey.get(startFrom);
            const mine = from ? as.addAnnotationFromPrediction(from) : as.addAnnotation({ userGenerate: true });
            byKey.set(newKey, mine);
          }
          show(annotations[0]?.key ?? newKey);
          setTimeout(resolve);
        },
        onSelectAnnotation: a => { if (readOnlyEntity(a)) a.setEdit(false); },
        onSubmitAnnotation: () => onSave?.(),
        onUpdateAnnotation: () => onSave?.(),
      });
    } catch (e) {
      reject(e);
    }
  });

  function readOnlyEntity(entity) {
    for (const [key, e] of byKey) if (e === entity) return readOnly.has(key);
    return false;
  }

  function show(key) {
    const entity = byKey.get(key);
    if (!entity || !store) return;
    const as = store.annotationStore;
    if (entity.type === 'prediction') as.selectPrediction(entity.id);
    else as.selectAnnotation(entity.id);
    if (readOnly.has(key)) entity.setEdit(false);
  }

  function selected() {
    const s = store?.annotationStore.selected;
    return s && s.type === 'annotation' ? s : [...byKey.values()].find(e => e.type === 'annotation');
  }

  function quit() {
    try { ls?.destroy(); } catch { /* already gone */ }
    // The editor binds its hotkeys (1, 2, … for the labels) to the whole page.
    try { window.HtxHotkeys?.unbindAll(); } catch { /* none bound */ }
  }

  await ready;
  return {
    /** The selected (else the first) annotation's spans. */
    spans: () => toSpans(selected()?.serializeAnnotation() ?? [], text, names),
    show,
    /** The key shown: an annotation's, a prediction's, or 'new'. */
    shown: () => { const s = store?.annotationStore.selected; for (const [k, e] of byKey) if (e === s) return k; return null; },
    destroy() { destroyed = true; if (store) quit(); },
  };
}
