// Segments: the list with sizes and trends, one segment's rule, insights, history and members, and the editor.
import { html, useEffect, useMemo, useState } from './lib.js';
import { api, seg, useApi } from './api.js';
import { Chart, historyChart, medianIndex, shareBars, sparkline } from './charts.js';
import { capitalized, count, label, number, share, time } from './format.js';
import { RuleText } from './rules.js';
import { Failure, Loading, Pager, usePages } from './parts.js';

const TREND_DAYS = 30;

export function SegmentList({ me }) {
  const list = useApi('/v1/segments');
  const items = list.data?.items || [];
  const base = useBase(items);
  return html`<section aria-labelledby="segments-title">
    <div class="title-row">
      <h1 id="segments-title">Segments</h1>
      ${me.scopes.includes('segments:write') && html`<a class="button" href="#/new-segment">New segment</a>`}
    </div>
    ${list.loading && !list.data && html`<${Loading} what="segments" />`}
    ${list.error && html`<${Failure} error=${list.error} />`}
    ${list.data && html`<p class="muted">${count(base)} customers in this tenant.</p>
    <table class="data" aria-label="Segments">
      <thead><tr><th scope="col">Segment</th><th scope="col">Status</th><th scope="col" class="num">Size</th>
        <th scope="col" class="num">Share of base</th><th scope="col">Last ${TREND_DAYS} days</th><th scope="col">Updated</th></tr></thead>
      <tbody>${items.map((s) => html`<tr key=${s.id}>
        <td><a href="#/segments/${seg(s.id)}">${s.name}</a><div class="muted small">${s.id}${s.builtIn ? ' · built in' : ''}</div></td>
        <td><${Status} segment=${s} /></td>
        <td class="num">${count(s.size)}</td>
        <td class="num">${base ? share(s.size / base) : '—'}</td>
        <td><${Trend} id=${s.id} name=${s.name} /></td>
        <td>${time(s.updatedAt)}</td>
      </tr>`)}</tbody>
    </table>`}
  </section>`;
}

/** The tenant's customer count, from one segment's insights (its size over its share). */
function useBase(items) {
  const [base, setBase] = useState(null);
  const first = items[0]?.id;
  useEffect(() => {
    if (!first) return;
    api(`/v1/segments/${seg(first)}/insights`).then((r) => setBase(r.baseSize), () => setBase(null));
  }, [first]);
  return base;
}

export function Status({ segment }) {
  const { status, progress, failure } = segment;
  const pct = progress && progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : null;
  return html`<span class="status status-${status}" title=${failure || ''}>${status}${
    status === 'backfilling' && pct !== null ? html` <progress max="100" value=${pct} aria-label="Backfill progress">${pct}%</progress> ${pct}%` : ''
  }</span>${failure && html`<div class="small error-text">${failure}</div>`}`;
}

function Trend({ id, name }) {
  const history = useApi(`/v1/segments/${seg(id)}/history?days=${TREND_DAYS}`);
  const sizes = history.data?.items?.map((i) => i.size);
  const option = useMemo(() => sizes && sparkline(sizes), [history.data]);
  if (!option) return html`<span class="muted small">…</span>`;
  return html`<${Chart} className="spark" height=${36} caption=${`${name}: size over the last ${TREND_DAYS} days, from ${sizes[0]} to ${sizes[sizes.length - 1]}`} option=${option} />`;
}

export function SegmentPage({ id, me }) {
  const segment = useApi(`/v1/segments/${seg(id)}`);
  const s = segment.data;
  return html`<section aria-labelledby="segment-title">
    <p><a href="#/segments">← Segments</a></p>
    ${segment.error && html`<${Failure} error=${segment.error} />`}
    ${!s && segment.loading && html`<${Loading} what="the segment" />`}
    ${s && html`
      <div class="title-row">
        <h1 id="segment-title">${s.name}</h1>
        ${me.scopes.includes('segments:write') && html`<a class="button" href="#/segments/${seg(s.id)}/edit">Edit rule</a>`}
      </div>
      <p class="muted">${s.id}${s.builtIn ? ' · built in' : ''} · ${count(s.size)} members · <${Status} segment=${s} /></p>
      ${s.description && html`<p>${s.description}</p>`}
      <h2>Rule</h2>
      <div class="rule-text"><${RuleText} rule=${s.rule} /></div>
      <${Insights} id=${s.id} />
      <${History} id=${s.id} />
      <${Members} id=${s.id} />`}
  </section>`;
}

function Insights({ id }) {
  const insights = useApi(`/v1/segments/${seg(id)}/insights`);
  const r = insights.data;
  const groups = useMemo(() => r && groupTraits(r.traits), [r]);
  const medians = useMemo(() => r && medianIndex(r.behavior), [r]);
  return html`<h2>Insights</h2>
    ${insights.loading && !r && html`<${Loading} what="insights" />`}
    ${insights.error && html`<${Failure} error=${insights.error} />`}
    ${r && html`<p>${count(r.size)} of ${count(r.baseSize)} customers (${share(r.share)}).</p>
      ${['demographic', 'geographic', 'psychographic'].map((g) => html`<h3>${capitalized(g)} traits — top values beside all customers</h3>
        ${groups[g].length === 0 ? html`<p class="muted">No ${g} traits known for these customers.</p>` : html`<div class="chart-grid">
          ${groups[g].map(([trait, values]) => html`<${Chart} key=${trait} caption=${`${label(trait)}: ${values.map((v) => `${v.value} ${share(v.share)} (all ${share(v.baseShare)})`).join(', ')}`}
            option=${shareBars(values)} height=${60 + values.length * 34} />`)}
        </div>`}`)}
      <h3>Behavior medians beside all customers</h3>
      <table class="data" aria-label="Behavior medians">
        <thead><tr><th scope="col">Metric</th><th scope="col" class="num">Segment</th><th scope="col" class="num">All customers</th></tr></thead>
        <tbody>${Object.entries(r.behavior).map(([metric, m]) => html`<tr key=${metric}><th scope="row">${metric}</th>
          <td class="num">${number(m.segment)}</td><td class="num">${number(m.base)}</td></tr>`)}</tbody>
      </table>
      <${Chart} caption="Segment medians as a share of all customers' medians (100% = the same)" option=${medians}
        height=${60 + Object.keys(r.behavior).length * 28} />`}`;
}

function groupTraits(traits) {
  const groups = { demographic: [], geographic: [], psychographic: [] };
  Object.entries(traits || {}).forEach(([trait, values]) => {
    const group = trait.split('.')[0];
    if (groups[group] && values.length > 0) groups[group].push([trait, values]);
  });
  return groups;
}

function History({ id }) {
  const history = useApi(`/v1/segments/${seg(id)}/history?days=90`);
  const items = history.data?.items;
  const option = useMemo(() => items && historyChart(items), [items]);
  const entries = items?.reduce((n, i) => n + i.entries, 0);
  const exits = items?.reduce((n, i) => n + i.exits, 0);
  return html`<h2>Last 90 days</h2>
    ${history.error && html`<${Failure} error=${history.error} />`}
    ${items && html`<${Chart} caption=${`Size per day from ${items[0].size} to ${items[items.length - 1].size}; ${entries} entries and ${exits} exits`} option=${option} />`}`;
}

function Members({ id }) {
  const page = usePages(`/v1/segments/${seg(id)}/members`, 'cursor');
  const { items } = page;
  return html`<h2 id="members-title">Members</h2>
    ${page.error && html`<${Failure} error=${page.error} />`}
    <table class="data" aria-labelledby="members-title">
      <thead><tr><th scope="col">Customer</th><th scope="col">Member since</th></tr></thead>
      <tbody>${items.map((m) => html`<tr key=${m.customerId}>
        <td><a href="#/profiles/${seg(m.customerId)}">${m.customerId}</a></td><td>${time(m.since)}</td></tr>`)}</tbody>
    </table>
    ${page.data && items.length === 0 && html`<p class="muted">No members.</p>`}
    <${Pager} pages=${page} label="Members pages" />`;
}

const EXAMPLE = { all: [{ trait: 'geographic.city', op: 'eq', value: 'Bandung' }, { metric: 'purchases.count', op: 'gte', value: 2 }] };

/** Create ({@code id} null) or edit a segment; the rule's size and sample are previewed as it is typed. */
export function SegmentEditor({ id }) {
  const existing = useApi(id ? `/v1/segments/${seg(id)}` : null);
  const [form, setForm] = useState(id ? null : { id: '', name: '', description: '', rule: JSON.stringify(EXAMPLE, null, 2) });
  const [saving, setSaving] = useState(null);
  useEffect(() => {
    const s = existing.data;
    if (s && !form) setForm({ id: s.id, name: s.name, description: s.description || '', rule: JSON.stringify(s.rule, null, 2) });
  }, [existing.data]);
  const parsed = useMemo(() => parseRule(form?.rule), [form?.rule]);
  const preview = usePreview(parsed.rule);
  if (!form) return existing.error ? html`<${Failure} error=${existing.error} />` : html`<${Loading} what="the segment" />`;
  const set = (field) => (e) => setForm({ ...form, [field]: e.target.value });
  const save = async (e) => {
    e.preventDefault();
    setSaving({ busy: true });
    const body = { name: form.name, description: form.description || null, rule: parsed.rule };
    try {
      const saved = id
        ? await api(`/v1/segments/${seg(id)}`, { method: 'PUT', body })
        : await api('/v1/segments', { method: 'POST', body: { id: form.id, ...body } });
      location.hash = `#/segments/${seg(saved.id)}`;
    } catch (error) {
      setSaving({ error });
    }
  };
  return html`<section aria-labelledby="editor-title">
    <p><a href=${id ? `#/segments/${seg(id)}` : '#/segments'}>← Back</a></p>
    <h1 id="editor-title">${id ? `Edit ${form.name}` : 'New segment'}</h1>
    <form class="editor" onSubmit=${save}>
      <div class="fields">
        ${!id && html`<label>Id (a slug: lower-case letters, digits, dashes)<input name="id" required value=${form.id} onInput=${set('id')} /></label>`}
        <label>Name<input name="name" required maxlength="200" value=${form.name} onInput=${set('name')} /></label>
        <label>Description<input name="description" maxlength="2000" value=${form.description} onInput=${set('description')} /></label>
        <label>Rule (JSON, see the API's rule language)<textarea name="rule" rows="14" spellcheck="false" value=${form.rule} onInput=${set('rule')}></textarea></label>
        ${parsed.error && html`<p class="error-text" role="alert">${parsed.error}</p>`}
        ${saving?.error && html`<${Failure} error=${saving.error} />`}
        <button type="submit" disabled=${!!parsed.error || saving?.busy}>${id ? 'Save rule' : 'Create segment'}</button>
      </div>
      <aside class="preview" aria-labelledby="preview-title" aria-live="polite">
        <h2 id="preview-title">Preview</h2>
        ${parsed.rule && html`<div class="rule-text"><${RuleText} rule=${parsed.rule} /></div>`}
        ${preview.busy && html`<p class="muted">Counting…</p>`}
        ${preview.error && html`<${Failure} error=${preview.error} />`}
        ${preview.result && html`<p><strong class="preview-size">${count(preview.result.size)}</strong> customers match now.</p>
          <ul class="sample">${preview.result.sample.map((c) => html`<li><a href="#/profiles/${seg(c)}">${c}</a></li>`)}</ul>`}
      </aside>
    </form>
  </section>`;
}

function parseRule(text) {
  if (text === undefined) return {};
  try {
    return { rule: JSON.parse(text) };
  } catch (e) {
    return { error: `The rule is not valid JSON: ${e.message}` };
  }
}

/** The rule's size and sample, asked for once typing pauses. */
function usePreview(rule) {
  const [state, setState] = useState({});
  const key = rule ? JSON.stringify(rule) : null;
  useEffect(() => {
    if (!key) return undefined;
    let live = true;
    setState((s) => ({ ...s, busy: true }));
    const timer = setTimeout(() => {
      api('/v1/segments/preview', { method: 'POST', body: { rule } }).then(
        (result) => live && setState({ result }),
        (error) => live && setState({ error }));
    }, 400);
    return () => { live = false; clearTimeout(timer); };
  }, [key]);
  return state;
}

