// Operations: consumer lag per group, and per partition on demand (refreshed live, with the lag since the page opened),
// dead-lettered records and each service's health.
import { html, useEffect, useMemo, useState } from './lib.js';
import { api, useApi } from './api.js';
import { Chart, lagChart } from './charts.js';
import { count, seconds, time } from './format.js';
import { Failure, Loading } from './parts.js';

const REFRESH_MS = 5000;
const KEPT_SAMPLES = 120; // ten minutes at one sample per 5 s

export function Operations() {
  const lag = useLiveLag();
  const groups = lag.latest?.groups || [];
  const names = groups.map((g) => g.group);
  const option = useMemo(() => lagChart(lag.samples, names), [lag.samples]);
  return html`<section aria-labelledby="ops-title">
    <h1 id="ops-title">Operations</h1>
    <${Health} />
    <h2 id="lag-title">Consumer lag <span class="muted small">(refreshed every ${REFRESH_MS / 1000} s${lag.at ? `, last ${time(lag.at)}` : ''})</span></h2>
    ${lag.error && html`<${Failure} error=${lag.error} />`}
    ${!lag.latest && !lag.error && html`<${Loading} what="consumer lag" />`}
    ${lag.latest && html`
      <${Chart} caption=${`Records behind per consumer group since this page opened: ${groups.map((g) => `${g.group} ${g.lag}`).join(', ')}`} option=${option} />
      <table class="data" aria-labelledby="lag-title">
        <thead><tr><th scope="col">Consumer group</th><th scope="col">State</th><th scope="col" class="num">Members</th>
          <th scope="col" class="num">Lag (records)</th><th scope="col" class="num">Lag (seconds)</th></tr></thead>
        <tbody>${groups.map((g) => html`<tr key=${g.group} class=${g.members === 0 ? 'idle' : ''}>
          <th scope="row">${g.group}</th>
          <td>${g.members === 0 ? `${g.state}: no running consumer` : g.state}</td>
          <td class="num">${g.members}</td><td class="num">${count(g.lag)}</td><td class="num">${seconds(g.lagSeconds)}</td></tr>`)}
        </tbody>
      </table>
      ${groups.map((g) => html`<details key=${g.group}><summary>${g.group}: ${g.partitions.length} partitions</summary>
        <table class="data" aria-label=${`Partitions of ${g.group}`}>
          <thead><tr><th scope="col">Topic / partition</th><th scope="col" class="num">Committed</th><th scope="col" class="num">End</th>
            <th scope="col" class="num">Lag (records)</th><th scope="col" class="num">Lag (seconds)</th></tr></thead>
          <tbody>${g.partitions.map((p) => html`<tr key=${`${p.topic}/${p.partition}`}><td>${p.topic} / ${p.partition}</td>
            <td class="num">${p.committedOffset === null ? 'none yet' : count(p.committedOffset)}</td><td class="num">${count(p.endOffset)}</td>
            <td class="num">${count(p.lag)}</td><td class="num">${seconds(p.lagSeconds)}</td></tr>`)}</tbody>
        </table></details>`)}`}
    <${DeadLetters} />
  </section>`;
}

function useLiveLag() {
  const [state, setState] = useState({ samples: [] });
  useEffect(() => {
    let live = true;
    const read = () => api('/v1/ops/consumer-lag').then(
      (latest) => live && setState((s) => {
        const at = Date.now();
        const sample = { at, lag: Object.fromEntries(latest.groups.map((g) => [g.group, g.lag])) };
        return { latest, at, samples: [...s.samples, sample].slice(-KEPT_SAMPLES) };
      }),
      (error) => live && setState((s) => ({ ...s, error })));
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => { live = false; clearInterval(timer); };
  }, []);
  return state;
}

function Health() {
  const health = useApi('/v1/ops/health');
  const services = health.data?.services || {};
  return html`<h2>Services</h2>
    ${health.error && html`<${Failure} error=${health.error} />`}
    <ul class="health">${Object.entries(services).map(([name, status]) => html`<li key=${name} class=${`health-${status.toLowerCase()}`}>
      <span class="dot" aria-hidden="true"></span>${name}: <strong>${status === 'UP' ? 'ready' : 'not ready'}</strong></li>`)}</ul>`;
}

function DeadLetters() {
  const letters = useApi('/v1/ops/dead-letters?limit=20');
  const d = letters.data;
  return html`<h2 id="dlq-title">Dead-lettered records</h2>
    ${letters.error && html`<${Failure} error=${letters.error} />`}
    ${d && html`<p>${count(d.records)} on <code>${d.topic}</code>${d.records > 0 ? '; the latest:' : '.'}${' '}
      <button type="button" class="link" onClick=${letters.reload}>Refresh</button></p>
      ${d.items.length > 0 && html`<table class="data" aria-labelledby="dlq-title">
        <thead><tr><th scope="col">When</th><th scope="col">Refused by</th><th scope="col">Tenant</th><th scope="col">From</th><th scope="col">Why</th></tr></thead>
        <tbody>${d.items.map((l) => html`<tr key=${`${l.partition}/${l.offset}`}><td>${time(l.at)}</td><td>${l.consumer || '—'}</td><td>${l.tenant || '—'}</td>
          <td>${l.originalTopic ? `${l.originalTopic} / ${l.originalPartition} @ ${l.originalOffset}` : '—'}</td>
          <td class="small">${l.errorClass ? l.errorClass.split('.').pop() : ''}: ${l.errorMessage || ''}</td></tr>`)}</tbody>
      </table>`}`}`;
}
