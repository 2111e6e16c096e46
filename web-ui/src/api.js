// Calls to the services through the gateway (/api/...), with the user's token. A failure becomes
// an ApiError whose message is a sentence for the screen, with the problem's field errors kept so a
// form can show each next to its field. Never raw JSON.
import { token } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(sentence(status, problem));
    this.status = status;
    this.reason = problem?.reason;
    /** field → message, from problem+json errors[] */
    this.fields = Object.fromEntries((problem?.errors ?? []).map(e => [e.field, e.message]));
  }
}

function sentence(status, problem) {
  const detail = problem?.detail ? capitalise(problem.detail) : null;
  switch (status) {
    case 401: return 'Your session has ended. Sign in again.';
    case 403: return detail ?? 'Your role does not allow this.';
    case 404: return 'This was not found, or you are not a member of its project.';
    case 409: return detail ?? 'This conflicts with the current state; reload and try again.';
    case 413: return 'The file is larger than the platform accepts.';
    case 0: return 'The platform cannot be reached. Check your connection and try again.';
    default:
      if (status >= 500) return 'The service failed. Try again in a moment' + (detail?.includes('incident') ? ` (${detail}).` : '.');
      return detail ?? 'The request was not accepted.';
  }
}

const capitalise = s => (s.charAt(0).toUpperCase() + s.slice(1)).replace(/([^.])$/, '$1.');

/**
 * path: after /api, e.g. '/projects?page=0'. body: an object (JSON), or a string or a file (Blob) with type.
 * extra: more request headers (e.g. Idempotency-Key); asText: the answer's text, not JSON.
 */
export async function api(method, path, body, type = 'application/json', extra = {}, asText = false) {
  let response;
  try {
    const headers = { Authorization: `Bearer ${await token()}`, Accept: asText ? 'text/plain, application/json' : 'application/json', ...extra };
    let payload;
    if (body !== undefined) {
      headers['Content-Type'] = type;
      payload = typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body);
    }
    response = await fetch(`/api${path}`, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, null);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  if (asText && response.ok) return text;
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = path => api('GET', path);

/** A text answer (a log). */
export const getText = path => api('GET', path, undefined, undefined, {}, true);

/** A key for one user action: a retry of the same action sends it again, so it is stored once. */
export const actionKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** ?key=value&… of the defined entries. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach(item => q.append(k, item));
    else if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
