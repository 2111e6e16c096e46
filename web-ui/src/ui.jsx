// Small building blocks every screen uses.
import { useEffect, useState } from 'preact/hooks';

/** A labelled input with its error sentence underneath (aria-describedby ties them). */
export function Field({ id, label, error, hint, children }) {
  return (
    <div class={'field' + (error ? ' invalid' : '')}>
      <label for={id}>{label}</label>
      {children}
      {hint && !error && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="error" id={`${id}-error`} role="alert">{error}</p>}
    </div>
  );
}

export function Banner({ error, onClose }) {
  if (!error) return null;
  return (
    <div class="banner" role="alert">
      <span>{error}</span>
      {onClose && <button class="link" onClick={onClose} aria-label="Dismiss">Dismiss</button>}
    </div>
  );
}

export function Loading({ what }) {
  return <p class="loading" aria-live="polite">Loading {what}…</p>;
}

/** "21–40 of 57" with Previous / Next, for the server's {items, page, size, total}. */
export function Pager({ page, onPage, label }) {
  if (!page || page.total <= page.size) return null;
  const first = page.page * page.size + 1;
  const last = Math.min(page.total, first + page.items.length - 1);
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      <button onClick={() => onPage(page.page - 1)} disabled={page.page === 0}>Previous</button>
      <span>{first}–{last} of {page.total}</span>
      <button onClick={() => onPage(page.page + 1)} disabled={last >= page.total}>Next</button>
    </nav>
  );
}

/** A value that follows another one after it stopped changing for `ms` (search boxes). */
export function useDebounced(value, ms = 300) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export function formatTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A screen's title with its search box (the label read by screen readers, the placeholder shown). */
export function ScreenHead({ id, title, search, label, placeholder, onSearch }) {
  return (
    <div class="screen-head">
      <h1 id={`${id}-title`}>{title}</h1>
      <div class="search">
        <label for={`${id}-search`} class="visually-hidden">{label}</label>
        <input id={`${id}-search`} type="search" placeholder={placeholder} value={search}
          onInput={e => onSearch(e.currentTarget.value)} />
      </div>
    </div>
  );
}

/**
 * One page of a server-side list: `load(pageNo)` fetches it whenever `deps` change (back to the
 * first page when they do) or the page changes; an answer that arrives after a newer request is
 * dropped. `then` gets each page as it arrives (to fetch what the rows need).
 */
export function usePagedList(load, deps, then) {
  const [pageNo, setPageNo] = useState(0);
  const [page, setPage] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => setPageNo(0), deps);
  useEffect(() => {
    let live = true;
    setError(null);
    load(pageNo)
      .then(p => { if (live) { setPage(p); then?.(p, () => live); } })
      .catch(e => live && setError(e.message));
    return () => { live = false; };
  }, [...deps, pageNo]);
  return { page, pageNo, setPageNo, error, setError };
}

/** "1 task", "3 tasks", "2 entities": a count with its noun (plural given when not noun + s). */
export const counted = (n, noun, plural = noun + 's') => `${n} ${n === 1 ? noun : plural}`;
