// The overview's broker part: version, uptime and clients from the $SYS tree, its bridges (state and counters), and
// small live charts of clients, messages and bytes.

import { type Bridge, type BrokerStats, formatUptime } from '../lib/brokerStats';
import { renderChart } from './chart';
import { byId, oncePerFrame } from './dom';

export class BrokerView {
  /** Why the $SYS values cannot come, when the API key may not read them. */
  private unreadable = '';

  constructor(private readonly stats: BrokerStats) {}

  /** The key may not read $SYS: say so instead of waiting for values that will not come. */
  notReadable(why: string): void {
    this.unreadable = why;
    this.refresh();
  }

  /** Redraws at most once per animation frame. */
  readonly refresh = oncePerFrame(() => {
    const s = this.stats;
    byId('broker-version').textContent = s.version ?? (this.unreadable || 'waiting for $SYS…');
    byId('broker-uptime').textContent = s.uptimeSeconds === undefined ? '–' : formatUptime(s.uptimeSeconds);
    byId('broker-clients').textContent = String(s.clients.last() ?? '–');
    renderBridges(s.bridges);
    renderChart(byId('chart-clients'), 'Clients connected', 'clients',
      [{ label: 'connected', series: s.clients, className: 'line-a' }]);
    renderChart(byId('chart-messages'), 'Messages per second', 'msg/s', [
      { label: 'in', series: s.rates.messagesIn, className: 'line-a' },
      { label: 'out', series: s.rates.messagesOut, className: 'line-b' }]);
    renderChart(byId('chart-bytes'), 'Bytes per second', 'B/s', [
      { label: 'in', series: s.rates.bytesIn, className: 'line-a' },
      { label: 'out', series: s.rates.bytesOut, className: 'line-b' }]);
  });
}

/** One row per bridge, by name; the table stays hidden while the broker has none. */
function renderBridges(bridges: Map<string, Bridge>): void {
  byId('bridges').hidden = bridges.size === 0;
  const rows = [...bridges.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, bridge]) => {
    const row = document.createElement('tr');
    row.dataset.bridge = name;
    const state = bridge.connected === undefined ? '–' : bridge.connected ? 'connected' : 'not connected';
    for (const text of [name, state, bridge.sent, bridge.received, bridge.queued, bridge.dropped]) {
      const cell = document.createElement('td');
      cell.textContent = text === undefined ? '–' : String(text);
      row.append(cell);
    }
    return row;
  });
  byId('bridges-table').querySelector('tbody')?.replaceChildren(...rows);
}
