// Calls to the gateway with the signed-in key. The key lives in this tab's session storage only: never in a URL,
// never in local storage, gone when the tab closes.
import { useEffect, useState } from './lib.js';

const KEY = 'mosaic.console.key';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The gateway answered ${status}.`);
    this.status = status;
    this.problem = problem || {};
  }

  /** Validation errors as "field: message" lines. */
  get fieldErrors() {
    return (this.problem.errors || []).map((e) => `${e.field}: ${e.message}`);
  }
}

/** JSON from the gateway; a refused key signs the tab out. */
export async function api(path, { method = 'GET', body, key = session.key() } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${key}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store',
  });
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (response.status === 401 && key === session.key()) {
    session.signOut();
    window.dispatchEvent(new Event('mosaic:signed-out'));
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return null; }
}

/** Path segment, escaped as the gateway expects ({@code a/b} -> {@code a%2Fb}). */
export const seg = (value) => encodeURIComponent(value);

/** {data, error, loading, reload} of one GET, refetched when {@code path} changes. */
export function useApi(path) {
  const [state, setState] = useState({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!path) return undefined;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api(path).then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }));
    return () => { live = false; };
  }, [path, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}
