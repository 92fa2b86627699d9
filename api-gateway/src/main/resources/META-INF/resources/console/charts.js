// Charts by Apache ECharts (bundled in the gateway's jar). Each chart is a figure whose caption says in words what
// it draws; the drawing is an image named by that caption for screen readers. Re-drawn when its data changes.
import * as echarts from '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';
import { html, useEffect, useRef } from './lib.js';

const SEGMENT = '#2563eb';
const BASE = '#9ca3af';

export function Chart({ caption, option, height = 260, className = '' }) {
  const element = useRef(null);
  const chart = useRef(null);
  useEffect(() => {
    chart.current = echarts.init(element.current, null, { renderer: 'canvas' });
    const resize = () => chart.current && chart.current.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current.setOption({ animation: false, ...option }, true);
  }, [option]);
  return html`<figure class="chart ${className}">
    <figcaption>${caption}</figcaption>
    <div class="chart-area" ref=${element} role="img" aria-label=${caption} style=${{ height: `${height}px` }}></div>
  </figure>`;
}

/** Horizontal bars of a segment's shares beside the base's, one pair per value. */
export function shareBars(values) {
  const names = values.map((v) => v.value).reverse();
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${(v * 100).toFixed(1)}%` },
    legend: { data: ['Segment', 'All customers'], top: 0 },
    grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } },
    yAxis: { type: 'category', data: names },
    series: [
      { name: 'Segment', type: 'bar', data: values.map((v) => Number(v.share)).reverse(), itemStyle: { color: SEGMENT } },
      { name: 'All customers', type: 'bar', data: values.map((v) => Number(v.baseShare)).reverse(), itemStyle: { color: BASE } },
    ],
  };
}

/** Each behavior median of the segment as a share of the base's (100% = like everyone). */
export function medianIndex(medians) {
  const rows = Object.entries(medians).filter(([, m]) => m.base !== null && Number(m.base) !== 0);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}%` },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map(([k]) => k).reverse() },
    series: [{
      name: 'Segment median, % of all customers\' median', type: 'bar', itemStyle: { color: SEGMENT },
      data: rows.map(([, m]) => Math.round((Number(m.segment ?? 0) / Number(m.base)) * 100)).reverse(),
      markLine: { silent: true, symbol: 'none', data: [{ xAxis: 100 }], lineStyle: { color: BASE } },
    }],
  };
}

/** Size as a line, entries and exits as bars, one point per day. */
export function historyChart(items) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['Size', 'Entries', 'Exits'], top: 0 },
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: items.map((i) => i.day) },
    yAxis: [{ type: 'value', name: 'size' }, { type: 'value', name: 'moves' }],
    series: [
      { name: 'Size', type: 'line', showSymbol: false, data: items.map((i) => i.size), itemStyle: { color: SEGMENT } },
      { name: 'Entries', type: 'bar', yAxisIndex: 1, data: items.map((i) => i.entries), itemStyle: { color: '#16a34a' } },
      { name: 'Exits', type: 'bar', yAxisIndex: 1, data: items.map((i) => -i.exits), itemStyle: { color: '#dc2626' } },
    ],
  };
}

/** A small line without axes, for a table cell. */
export function sparkline(values) {
  return {
    grid: { left: 2, right: 2, top: 2, bottom: 2 },
    xAxis: { type: 'category', show: false, data: values.map((_, i) => i) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', showSymbol: false, data: values, lineStyle: { width: 1.5, color: SEGMENT }, areaStyle: { opacity: 0.1 } }],
  };
}

/** One line per consumer group: its lag over the time the page has been open. */
export function lagChart(samples, groups) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: groups, top: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    // from a minute before the first sample: a single sample would otherwise stretch the axis over days
    xAxis: { type: 'time', min: samples.length ? samples[0].at - 60_000 : undefined },
    yAxis: { type: 'value', minInterval: 1 },
    series: groups.map((group) => ({
      name: group, type: 'line', showSymbol: false,
      data: samples.map((s) => [s.at, s.lag[group] ?? null]),
    })),
  };
}
