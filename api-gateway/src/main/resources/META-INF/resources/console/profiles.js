// Profiles: look a customer up by id or identifier, and read the merged profile with its timeline.
import { html, useState } from './lib.js';
import { api, ApiError, seg, useApi } from './api.js';
import { capitalized, count, label, number, share, time, value } from './format.js';
import { Facts, Failure, Loading, Pager, usePages } from './parts.js';

const KINDS = [
  ['id', 'Customer id'], ['email', 'E-mail'], ['phone', 'Phone'], ['whatsapp', 'WhatsApp'], ['externalId', 'External id (system:id)'],
];

export function ProfileLookup({ initial }) {
  const [kind, setKind] = useState('email');
  const [text, setText] = useState(initial || '');
  const [state, setState] = useState({});
  const find = async (e) => {
    e.preventDefault();
    const query = text.trim();
    if (!query) return;
    if (kind === 'id') {
      location.hash = `#/profiles/${seg(query)}`;
      return;
    }
    setState({ busy: true });
    try {
      const profile = await api(`/v1/profiles?${kind}=${encodeURIComponent(query)}`);
      location.hash = `#/profiles/${seg(profile.customerId)}`;
    } catch (error) {
      setState({ error, ambiguous: error instanceof ApiError && error.status === 409 ? error.problem.customerIds : null });
    }
  };
  return html`<section aria-labelledby="lookup-title">
    <h1 id="lookup-title">Profiles</h1>
    <form class="lookup" onSubmit=${find} role="search" aria-label="Find a customer">
      <label>Find by<select name="kind" value=${kind} onChange=${(e) => setKind(e.target.value)}>
        ${KINDS.map(([k, l]) => html`<option value=${k}>${l}</option>`)}</select></label>
      <label>Value<input name="value" type="search" autocomplete="off" value=${text} onInput=${(e) => setText(e.target.value)} /></label>
      <button type="submit" disabled=${state.busy}>Find</button>
    </form>
    ${state.ambiguous && html`<div class="failure" role="alert"><p>Several customers share this identifier:</p>
      <ul>${state.ambiguous.map((c) => html`<li><a href="#/profiles/${seg(c)}">${c}</a></li>`)}</ul></div>`}
    ${state.error && !state.ambiguous && html`<${Failure} error=${state.error.status === 404
      ? { message: 'No customer has this identifier.' } : state.error} />`}
  </section>`;
}

export function ProfilePage({ id }) {
  const profile = useApi(`/v1/profiles/${seg(id)}`);
  const p = profile.data;
  return html`<section aria-labelledby="profile-title">
    <p><a href="#/profiles">← Find another customer</a></p>
    ${profile.loading && !p && html`<${Loading} what="the profile" />`}
    ${profile.error && html`<${Failure} error=${profile.error.status === 404 ? { message: `No customer ${id} in this tenant.` } : profile.error} />`}
    ${p && html`
      <h1 id="profile-title">${p.customerId}</h1>
      ${p.customerId !== id && html`<p class="muted">${id} was merged into this customer.</p>`}
      <p class="muted">Profile version ${p.version} · first seen ${time(p.firstSeenAt)} · last seen ${time(p.lastSeenAt)} · updated ${time(p.updatedAt)}</p>
      <div class="cards">
        <div class="card"><h2>Identifiers</h2><${Identifiers} ids=${p.identifiers} merged=${p.mergedCustomerIds} /></div>
        <div class="card"><h2>Segments</h2>${(p.segments || []).length === 0 ? html`<p class="muted">In no segment.</p>`
          : html`<ul class="plain">${p.segments.map((s) => html`<li><a href="#/segments/${seg(s.id)}">${s.name}</a> <span class="muted small">since ${time(s.since)}</span></li>`)}</ul>`}</div>
        <div class="card"><h2>Consent</h2><${Facts} label="Consent" facts=${Object.entries(p.consent || {}).map(([k, v]) => [label(k), v ? 'granted' : 'withdrawn'])} /></div>
      </div>
      <h2>Traits</h2>
      <div class="cards">${['demographic', 'geographic', 'psychographic', 'custom'].map((g) => html`<div class="card" key=${g}>
        <h3>${capitalized(g)}</h3><${Facts} label=${`${g} traits`} facts=${Object.entries(p.traits?.[g] || {}).map(([k, v]) => [label(k), value(v)])} /></div>`)}
      </div>
      <h2>Behavior</h2>
      <${Behavior} b=${p.behavior || {}} />
      <${Timeline} id=${p.customerId} />`}
  </section>`;
}

function Identifiers({ ids, merged }) {
  const facts = [
    ['E-mail', (ids?.emails || []).join(', ') || undefined],
    ['Phone', (ids?.phones || []).join(', ') || undefined],
    ['WhatsApp', (ids?.whatsapp || []).join(', ') || undefined],
    ...Object.entries(ids?.externalIds || {}).map(([system, values]) => [`${system} id`, values.join(', ')]),
    ['Merged ids', (merged || []).join(', ') || undefined],
  ];
  return html`<${Facts} label="Identifiers" facts=${facts} />`;
}

function Behavior({ b }) {
  const p = b.purchases || {};
  const facts = [
    ['Purchases', p.count !== undefined ? `${count(p.count)} · ${number(p.total)} ${p.currency || ''}` : undefined],
    ['Last 90 days', p.last90d ? `${count(p.last90d.count)} · ${number(p.last90d.total)}` : undefined],
    ['Last purchase', p.lastAt ? time(p.lastAt) : undefined],
    ['RFM', b.rfm ? `R${b.rfm.recency} F${b.rfm.frequency} M${b.rfm.monetary} = ${b.rfm.score}` : undefined],
    ['Preferred channel', b.preferredChannel ?? undefined],
    ['Channels', b.channels ? Object.entries(b.channels).map(([c, n]) => `${c} ${n}`).join(', ') : undefined],
    ['Tickets', b.tickets ? `${b.tickets.open} open of ${b.tickets.total}` : undefined],
    ['CSAT', b.csat?.count ? `${number(b.csat.average)} over ${b.csat.count}` : undefined],
    ['NPS', b.nps?.last !== undefined && b.nps?.last !== null ? `${b.nps.last} (${b.nps.category})` : undefined],
    ['Promotions', b.promotions ? `${b.promotions.responded} of ${b.promotions.sent} answered (${share(b.promotions.responseRate)})` : undefined],
    ['Flash-sale purchases, 90 days', b.flashSalePurchases90d ?? undefined],
    ['Loyalty tier', b.loyaltyTier ?? undefined],
    ['Churn risk', b.churnRisk ?? undefined],
  ];
  return html`<${Facts} label="Behavior" facts=${facts} />`;
}

function Timeline({ id }) {
  const page = usePages(`/v1/profiles/${seg(id)}/timeline`, 'before');
  const { items } = page;
  return html`<h2 id="timeline-title">Timeline</h2>
    ${page.error && html`<${Failure} error=${page.error} />`}
    <table class="data" aria-labelledby="timeline-title">
      <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Channel</th><th scope="col">Source</th><th scope="col">Details</th></tr></thead>
      <tbody>${items.map((e) => html`<tr key=${e.eventId}>
        <td>${time(e.occurredAt)}</td><td>${e.type}</td><td>${e.channel || '—'}</td><td>${e.source || '—'}</td>
        <td class="small">${Object.entries(e.properties || {}).slice(0, 4).map(([k, v]) => `${k}: ${value(v)}`).join(' · ')}</td></tr>`)}</tbody>
    </table>
    <${Pager} pages=${page} label="Timeline pages" back="Newer" next="Older" />`;
}
