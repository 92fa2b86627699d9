// How numbers, shares and times read in the console.
const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

export const count = (n) => (n === null || n === undefined ? '—' : whole.format(n));
export const number = (n) => (n === null || n === undefined || n === '' ? '—' : decimal.format(Number(n)));
export const share = (n) => (n === null || n === undefined ? '—' : percent.format(Number(n)));
export const seconds = (s) => (s === null || s === undefined ? '—' : `${decimal.format(s)} s`);

export function time(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function day(iso) {
  return iso ? String(iso).slice(0, 10) : '—';
}

export const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** "geographic.city" -> "City"; "purchases.last90d.count" -> "Purchases last90d count". */
export function label(path) {
  const last = String(path).split('.').filter((p) => !['demographic', 'geographic', 'psychographic', 'custom'].includes(p));
  const text = last.join(' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ').toLowerCase();
  return capitalized(text.replace(/\b(rfm|csat|nps)\b/g, (acronym) => acronym.toUpperCase()));
}

/** A value of any JSON type, as text. */
export function value(v) {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(value).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
