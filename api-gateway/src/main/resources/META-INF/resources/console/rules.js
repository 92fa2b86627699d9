// A segment's rule (docs/API.md, Segments) as a nested list a person reads.
import { html } from './lib.js';
import { label, value } from './format.js';

const OPS = {
  eq: 'is', neq: 'is not', in: 'is one of', nin: 'is none of', gt: 'is more than', gte: 'is at least',
  lt: 'is less than', lte: 'is at most', exists: 'is known', contains: 'contains',
};

function comparison(op, v) {
  return op === 'exists' ? OPS.exists : `${OPS[op] || op} ${value(v)}`;
}

function countText(bounds) {
  return Object.entries(bounds || {})
    .filter(([k]) => k !== 'sum')
    .map(([op, v]) => `${OPS[op] || op} ${value(v)}`)
    .join(' and ');
}

function eventText(rule) {
  const where = Object.entries(rule.where || {}).map(([k, v]) => `${k} = ${value(v)}`).join(', ');
  const amount = rule.sum ? `with ${rule.sum.sum} adding up to an amount that ${countText(rule.sum)}` : '';
  const times = rule.count ? `a number of times that ${countText(rule.count)}` : 'at least once';
  return [`“${rule.event}” happened ${amount || times}`, where && `where ${where}`, rule.within && `within ${rule.within}`]
    .filter(Boolean).join(' ');
}

export function RuleText({ rule }) {
  if (!rule || typeof rule !== 'object') return html`<span>—</span>`;
  if (rule.all) return group('All of', rule.all);
  if (rule.any) return group('Any of', rule.any);
  if (rule.not) return html`<span>Not: <${RuleText} rule=${rule.not} /></span>`;
  if (rule.trait) return html`<span>Trait <strong>${label(rule.trait)}</strong> ${comparison(rule.op, rule.value)}</span>`;
  if (rule.metric) return html`<span>Behavior <strong>${label(rule.metric)}</strong> ${comparison(rule.op, rule.value)}</span>`;
  if (rule.event) return html`<span>Event ${eventText(rule)}</span>`;
  if (rule.segment) return html`<span>Member of segment <a href="#/segments/${encodeURIComponent(rule.segment)}">${rule.segment}</a></span>`;
  return html`<code>${JSON.stringify(rule)}</code>`;
}

function group(title, conditions) {
  return html`<span>${title}:<ul class="rule">${conditions.map((c) => html`<li><${RuleText} rule=${c} /></li>`)}</ul></span>`;
}
