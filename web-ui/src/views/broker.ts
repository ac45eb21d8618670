// The overview's broker part: version, uptime and clients from the $SYS tree, and small live charts of clients,
// messages and bytes.

import { type BrokerStats, formatUptime } from '../lib/brokerStats';
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
