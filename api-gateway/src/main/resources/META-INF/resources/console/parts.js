// Small pieces every page uses.
import { html, useState } from './lib.js';
import { useApi } from './api.js';

export function Loading({ what }) {
  return html`<p class="muted" role="status">Loading ${what}…</p>`;
}

/** A failed call, as the gateway explained it (problem+json), with every faulty field. */
export function Failure({ error }) {
  const fields = error.fieldErrors || [];
  return html`<div class="failure" role="alert">
    <p><strong>${error.status ? `${error.status}: ` : ''}</strong>${error.message}</p>
    ${fields.length > 0 && html`<ul>${fields.map((f) => html`<li>${f}</li>`)}</ul>`}
  </div>`;
}

/** Label and value pairs. */
export function Facts({ facts, label = 'Facts' }) {
  const entries = facts.filter(([, v]) => v !== undefined);
  if (entries.length === 0) return html`<p class="muted">None known.</p>`;
  return html`<dl class="facts" aria-label=${label}>${entries.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}

/**
 * One page of a cursor-paged list ({@code items}, {@code nextCursor}): {@code path} plus the cursor in the query
 * parameter {@code param}. The cursors seen so far are kept so that the previous page can be shown again.
 */
export function usePages(path, param, limit = 20) {
  const [cursors, setCursors] = useState([null]);
  const cursor = cursors[cursors.length - 1];
  const page = useApi(`${path}?limit=${limit}${cursor ? `&${param}=${encodeURIComponent(cursor)}` : ''}`);
  return {
    ...page,
    items: page.data?.items || [],
    number: cursors.length,
    back: cursors.length > 1 ? () => setCursors(cursors.slice(0, -1)) : null,
    next: page.data?.nextCursor ? () => setCursors([...cursors, page.data.nextCursor]) : null,
  };
}

export function Pager({ pages, label, back = 'Previous page', next = 'Next page' }) {
  return html`<nav class="pager" aria-label=${label}>
    <button type="button" disabled=${!pages.back} onClick=${pages.back}>${back}</button>
    <span>Page ${pages.number}</span>
    <button type="button" disabled=${!pages.next} onClick=${pages.next}>${next}</button>
  </nav>`;
}
