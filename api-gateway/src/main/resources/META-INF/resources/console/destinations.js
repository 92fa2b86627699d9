// Destinations: the tenant's webhooks, their latest deliveries, a test call and the replay of dead letters.
import { html, useState } from './lib.js';
import { api, seg, useApi } from './api.js';
import { time } from './format.js';
import { Failure, Loading } from './parts.js';

export function Destinations() {
  const list = useApi('/v1/destinations');
  const [secret, setSecret] = useState(null);
  const items = list.data?.items || [];
  return html`<section aria-labelledby="destinations-title">
    <h1 id="destinations-title">Destinations</h1>
    <p class="muted">Webhooks: customers entering or leaving segments, posted signed to your systems (see docs/DESTINATIONS.md).</p>
    ${list.error && html`<${Failure} error=${list.error} />`}
    ${list.loading && !list.data && html`<${Loading} what="destinations" />`}
    ${secret && html`<div class="notice" role="status"><p>The signing secret of <strong>${secret.name}</strong>, shown this once:</p>
      <p><code class="secret">${secret.secret}</code></p></div>`}
    ${items.map((d) => html`<${Destination} key=${d.id} destination=${d} />`)}
    ${list.data && items.length === 0 && html`<p>No destinations yet.</p>`}
    <${NewDestination} onCreated=${(created) => { setSecret(created); list.reload(); }} />
  </section>`;
}

function Destination({ destination }) {
  const log = useApi(`/v1/destinations/${seg(destination.id)}/deliveries?limit=20`);
  const [action, setAction] = useState(null);
  const run = async (what, path) => {
    setAction({ busy: what });
    try {
      const result = await api(path, { method: 'POST' });
      setAction({ what, result });
      log.reload();
    } catch (error) {
      setAction({ what, error });
    }
  };
  const label = `Deliveries to ${destination.name}`;
  return html`<article class="card destination" aria-label=${destination.name}>
    <h2>${destination.name}</h2>
    <p class="small"><code>${destination.url}</code>${` · ${destination.segments ? destination.segments.join(', ') : 'every segment'}`
      + ` · ${destination.changes.join(' and ')}${destination.include?.length ? ` · with ${destination.include.join(', ')}` : ''}`}</p>
    <p>
      <button type="button" disabled=${!!action?.busy} onClick=${() => run('test', `/v1/destinations/${seg(destination.id)}/test`)}>Send test event</button>${' '}
      <button type="button" disabled=${!!action?.busy} onClick=${() => run('replay', `/v1/destinations/${seg(destination.id)}/replay`)}>Replay dead-lettered</button>
    </p>
    ${action?.error && html`<${Failure} error=${action.error} />`}
    ${action?.what === 'test' && action.result && html`<p role="status" class="test-result">Test event: ${action.result.delivered
      ? `delivered (${action.result.status}, ${action.result.latencyMs} ms)` : `not delivered: ${action.result.error}`}</p>`}
    ${action?.what === 'replay' && action.result && html`<p role="status">${action.result.replayed} dead-lettered deliveries owed again.</p>`}
    <table class="data" aria-label=${label}>
      <thead><tr><th scope="col">Owed</th><th scope="col">Customer</th><th scope="col">Change</th><th scope="col">Status</th>
        <th scope="col" class="num">Attempts</th><th scope="col">Last answer</th><th scope="col">Next retry</th></tr></thead>
      <tbody>${(log.data?.items || []).map((d) => html`<tr key=${d.id}>
        <td>${time(d.createdAt)}</td><td><a href="#/profiles/${seg(d.customerId)}">${d.customerId}</a></td>
        <td>${d.type} ${d.segmentId || ''}</td><td class=${`delivery-${d.status}`}>${d.status}</td><td class="num">${d.attempts}</td>
        <td>${d.lastStatus ? `${d.lastStatus} in ${d.lastLatencyMs} ms` : d.lastError || '—'}</td><td>${time(d.nextAttemptAt)}</td></tr>`)}</tbody>
    </table>
    ${log.data && log.data.items.length === 0 && html`<p class="muted">Nothing delivered yet.</p>`}
  </article>`;
}

function NewDestination({ onCreated }) {
  const [form, setForm] = useState({ name: '', url: '', segments: '', entered: true, exited: true });
  const [state, setState] = useState({});
  const set = (field) => (e) => setForm({ ...form, [field]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  const create = async (e) => {
    e.preventDefault();
    const segments = form.segments.split(',').map((s) => s.trim()).filter(Boolean);
    const changes = [form.entered && 'entered', form.exited && 'exited'].filter(Boolean);
    setState({ busy: true });
    try {
      const created = await api('/v1/destinations', {
        method: 'POST', body: { name: form.name, url: form.url, segments: segments.length ? segments : undefined, changes },
      });
      setForm({ name: '', url: '', segments: '', entered: true, exited: true });
      setState({});
      onCreated(created);
    } catch (error) {
      setState({ error });
    }
  };
  return html`<form class="card new-destination" onSubmit=${create} aria-labelledby="new-destination-title">
    <h2 id="new-destination-title">New destination</h2>
    <label>Name<input name="name" required maxlength="200" value=${form.name} onInput=${set('name')} /></label>
    <label>URL (https)<input name="url" required maxlength="2048" value=${form.url} onInput=${set('url')} /></label>
    <label>Segments (ids, comma-separated; empty for every segment)<input name="segments" value=${form.segments} onInput=${set('segments')} /></label>
    <fieldset><legend>Changes</legend>
      <label class="inline"><input type="checkbox" name="entered" checked=${form.entered} onChange=${set('entered')} /> entered</label>
      <label class="inline"><input type="checkbox" name="exited" checked=${form.exited} onChange=${set('exited')} /> exited</label>
    </fieldset>
    ${state.error && html`<${Failure} error=${state.error} />`}
    <button type="submit" disabled=${state.busy}>Create destination</button>
  </form>`;
}
