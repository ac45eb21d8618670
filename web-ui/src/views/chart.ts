// A small live line chart as inline SVG (no chart library: a few points per series is all the broker view needs).

import type { Series } from '../lib/brokerStats';

const WIDTH = 300;
const HEIGHT = 80;
const SVG = 'http://www.w3.org/2000/svg';

export interface Line {
  label: string;
  series: Series;
  className: string;
}

export function renderChart(container: HTMLElement, title: string, unit: string, lines: Line[]): void {
  const all = lines.flatMap((l) => l.series.points);
  const max = Math.max(1, ...all.map((p) => p.v));
  const t0 = Math.min(...all.map((p) => p.t));
  const t1 = Math.max(...all.map((p) => p.t));
  const span = Math.max(1, t1 - t0);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('role', 'img');
  const summary = lines.map((l) => `${l.label} ${format(l.series.last())} ${unit}`).join(', ');
  svg.setAttribute('aria-label', `${title}: ${summary || 'no data yet'}`);
  for (const line of lines) {
    if (line.series.points.length === 0) continue;
    const d = line.series.points
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${(((p.t - t0) / span) * WIDTH).toFixed(1)},${(HEIGHT - 2 - (p.v / max) * (HEIGHT - 4)).toFixed(1)}`)
      .join(' ');
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    path.setAttribute('class', line.className);
    svg.append(path);
  }
  const legend = document.createElement('p');
  legend.className = 'legend';
  legend.textContent = summary ? `${summary} (max ${format(max)})` : 'no data yet';
  container.replaceChildren(svg, legend);
}

function format(value: number | undefined): string {
  if (value === undefined) return '–';
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
