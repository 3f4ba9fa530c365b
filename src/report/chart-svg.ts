import { clip, html } from './escape.js';
import type { ChartModel } from './model.js';

/** Okabe–Ito: distinguishable for colour-blind readers and in greyscale print. */
export const PRINCIPAL_COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#999999',
];
export const SEVERITY_COLOURS: Record<string, string> = {
  critical: '#7f1d1d',
  high: '#dc2626',
  medium: '#d97706',
  low: '#2563eb',
  informational: '#6b7280',
};
const MARKER_COLOURS = {
  'first-malicious-event': '#b91c1c',
  'first-finding': '#d97706',
  containment: '#15803d',
};

const W = 960;
const PLOT = { left: 64, right: 24, top: 88, bottom: 268 };

function timeLabel(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  return spanMs > 2 * 86400e3
    ? iso.slice(5, 10)
    : spanMs > 18 * 3600e3
      ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}`
      : iso.slice(11, 16);
}

/**
 * The activity chart as inline SVG: stacked bars of events per time bucket by principal, a lane of
 * findings coloured by severity, and dashed markers at the first malicious event, the first finding
 * and containment. Every label is escaped; full values are in <title> tooltips.
 */
export function activitySvg(chart: ChartModel): string {
  const t0 = Date.parse(chart.start);
  const t1 = Date.parse(chart.end);
  const span = Math.max(1, t1 - t0);
  const x = (ms: number) => PLOT.left + ((ms - t0) / span) * (W - PLOT.left - PLOT.right);
  const totals = chart.counts.map((row) => row.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const plotH = PLOT.bottom - PLOT.top;
  const y = (n: number) => PLOT.bottom - (n / max) * plotH;
  const barW = Math.max(1, (W - PLOT.left - PLOT.right) / chart.counts.length - 2);
  const out: string[] = [];
  // grid and axes
  for (const frac of [0, 0.5, 1]) {
    const n = Math.round(max * frac);
    out.push(`<line x1="${PLOT.left}" x2="${W - PLOT.right}" y1="${y(n)}" y2="${y(n)}" class="grid"/>`);
    out.push(`<text x="${PLOT.left - 6}" y="${y(n) + 4}" text-anchor="end" class="axis">${n}</text>`);
  }
  const ticks = Math.min(8, chart.counts.length);
  for (let i = 0; i <= ticks; i++) {
    const ms = t0 + (span * i) / ticks;
    out.push(
      `<text x="${x(ms).toFixed(1)}" y="${PLOT.bottom + 16}" text-anchor="middle" class="axis">${timeLabel(ms, span)}</text>`,
    );
  }
  out.push(
    `<text x="${PLOT.left}" y="12" class="axis">events per ${Math.round(chart.bucketMs / 60000)} min (UTC)</text>`,
  );
  // bars
  chart.counts.forEach((row, i) => {
    let base = 0;
    const left = x(t0 + i * chart.bucketMs) + 1;
    row.forEach((n, p) => {
      if (n === 0) return;
      const top = y(base + n);
      const who = chart.principals[p] ?? 'other';
      out.push(
        `<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - top).toFixed(1)}" fill="${PRINCIPAL_COLOURS[p % PRINCIPAL_COLOURS.length]}"><title>${html(clip(who, 200))}: ${n} event(s)</title></rect>`,
      );
      base += n;
    });
  });
  // findings lane
  out.push(`<text x="${PLOT.left - 6}" y="${PLOT.top - 18}" text-anchor="end" class="axis">findings</text>`);
  for (const f of chart.findings) {
    const cx = x(Date.parse(f.at));
    const cy = PLOT.top - 22;
    out.push(
      `<path d="M${cx.toFixed(1)} ${cy - 6}l6 6-6 6-6-6z" fill="${SEVERITY_COLOURS[f.severity] ?? '#6b7280'}" class="finding"><title>${html(f.severity)}: ${html(clip(f.title, 200))} (${html(f.at)})</title></path>`,
    );
  }
  // milestone markers
  chart.markers.forEach((m, i) => {
    const at = x(Date.parse(m.at));
    const mx = at.toFixed(1);
    const ly = 26 + i * 12;
    const colour = MARKER_COLOURS[m.kind];
    const anchor = at > W * 0.6 ? 'end' : 'start';
    out.push(
      `<line x1="${mx}" x2="${mx}" y1="${ly + 3}" y2="${PLOT.bottom}" stroke="${colour}" class="marker"/>`,
    );
    out.push(
      `<text x="${mx}" y="${ly}" dx="${anchor === 'start' ? 3 : -3}" text-anchor="${anchor}" fill="${colour}" class="marker-label">${html(m.label)} ${html(m.at.slice(11, 16))}</text>`,
    );
  });
  // legend
  const legend: string[] = [];
  chart.principals.forEach((p, i) => {
    const col = i % 2;
    const row = Math.floor(i / 2);
    const lx = PLOT.left + col * 450;
    const ly = PLOT.bottom + 40 + row * 18;
    legend.push(
      `<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${PRINCIPAL_COLOURS[i % PRINCIPAL_COLOURS.length]}"/><text x="${lx + 18}" y="${ly}" class="legend">${html(clip(p, 90))}<title>${html(clip(p, 500))}</title></text>`,
    );
  });
  const sevY = PLOT.bottom + 40 + Math.ceil(chart.principals.length / 2) * 18;
  Object.entries(SEVERITY_COLOURS).forEach(([sev, colour], i) => {
    const lx = PLOT.left + i * 120;
    legend.push(
      `<path d="M${lx + 6} ${sevY - 10}l6 6-6 6-6-6z" fill="${colour}"/><text x="${lx + 18}" y="${sevY}" class="legend">${sev}</text>`,
    );
  });
  const height = sevY + 14;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="chart-title" class="chart"><title id="chart-title">Activity over time by principal, findings by severity, and response milestones</title>${out.join('')}${legend.join('')}</svg>`;
}
