// A topic's page: its last value (pretty JSON, text or hex), whether it is retained, its last messages with times, and
// a live plot (uPlot) of a number payload or a numeric JSON field over a time window, with pause; the plotted values
// also as a table. Publishing to the topic and clearing its retained value (after a confirmation) are here too.

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fetchRetained, publish } from '../lib/gateway';
import { formatPayload } from '../lib/payload';
import { plottableFields, seriesOf, VALUE } from '../lib/series';
import { last, type TopicMessage, type TopicTree } from '../lib/topicTree';
import { byId, el, oncePerFrame } from './dom';

const HISTORY_SHOWN = 50;
const TABLE_ROWS = 20;

export class TopicView {
  private topic = '';
  private paused = false;
  private plot?: uPlot;
  private plottedField = '';
  private readonly drawOncePerFrame = oncePerFrame(() => this.draw());
  private readonly field = byId<HTMLSelectElement>('plot-field');
  private readonly window = byId<HTMLSelectElement>('plot-window');
  private readonly result = byId<HTMLParagraphElement>('topic-result');

  /**
   * @param onField called when the user picks another field (the address keeps it)
   * @param onCleared called after the retained value was cleared
   */
  constructor(
    private readonly tree: TopicTree,
    private readonly apiKey: () => string,
    private readonly onField: (field: string) => void,
    private readonly onCleared: (topic: string) => void,
  ) {
    this.field.addEventListener('change', () => {
      this.onField(this.field.value);
      this.refresh();
    });
    this.window.addEventListener('change', () => this.refresh());
    const pause = byId<HTMLButtonElement>('plot-pause');
    pause.addEventListener('click', () => {
      this.paused = !this.paused;
      pause.textContent = this.paused ? 'Resume' : 'Pause';
      pause.setAttribute('aria-pressed', String(this.paused));
      if (!this.paused) this.refresh();
    });
    byId<HTMLFormElement>('topic-publish-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send(byId<HTMLTextAreaElement>('topic-payload').value, byId<HTMLInputElement>('topic-retain').checked);
    });
    byId<HTMLButtonElement>('topic-clear').addEventListener('click', () => {
      if (window.confirm(`Clear the retained value of ${this.topic}? Clients that subscribe from now on will not receive it.`)) {
        void this.send('', true).then((ok) => {
          if (ok) {
            this.tree.clearRetained(this.topic);
            this.result.textContent = `The retained value of ${this.topic} is cleared.`;
            this.onCleared(this.topic);
            this.refresh();
          }
        });
      }
    });
    new ResizeObserver(() => this.plot?.setSize(this.size())).observe(byId('plot'));
  }

  /** Shows a topic (empty: none selected); `field` is the field to plot, if the address named one. */
  show(topic: string, field: string): void {
    if (topic !== this.topic) {
      this.topic = topic;
      this.result.textContent = '';
      this.plot?.destroy();
      this.plot = undefined;
      this.plottedField = '';
      this.field.replaceChildren(); // the fields of the new topic, and the one the address names, come next
      if (topic && !this.tree.find(topic)?.retained) void this.askRetained(topic);
    }
    this.field.dataset.wanted = field;
    this.refresh();
  }

  /**
   * Whether the broker holds a retained value for the topic is the broker's to say: asked when the page opens on a
   * topic the tree does not know as retained (the tree learns it only from retained reads and retained messages, and
   * may have missed it). A key that may not read the topic is answered 403: the page then says what it knew.
   */
  private async askRetained(topic: string): Promise<void> {
    try {
      const { messages } = await fetchRetained(topic, this.apiKey());
      const held = messages.find((m) => m.topic === topic);
      if (!held) return;
      if (this.tree.find(topic)) {
        this.tree.markRetained(topic);
      } else {
        this.tree.add(topic, { payload: held.payload, encoding: held.encoding, qos: held.qos, at: Date.now(), retained: true });
      }
      if (topic === this.topic) this.refresh();
    } catch {
      // unreadable with this key, or the gateway is away: the page shows what the tree knows
    }
  }

  /** Call when a message of this topic arrived; redraws at most once per animation frame, not while paused. */
  refresh(): void {
    if (!this.paused) this.drawOncePerFrame();
  }

  get shownTopic(): string {
    return this.topic;
  }

  private draw(): void {
    const node = this.topic ? this.tree.find(this.topic) : undefined;
    byId('topic-none').hidden = this.topic !== '';
    byId('topic-page').hidden = this.topic === '';
    if (!this.topic) return;
    byId('topic-title').textContent = this.topic;
    const history = node?.history ?? [];
    const message = node ? last(node) : undefined;
    byId('topic-facts').textContent = [
      node?.retained ? 'holds a retained value' : 'no retained value known',
      `${node?.count ?? 0} messages since the page opened`,
    ].join(' · ');
    byId('topic-last').textContent = !message ? 'nothing received yet'
      : message.payload === '' ? '(empty payload)' : formatPayload(message.payload, message.encoding).text;
    byId('topic-clear').toggleAttribute('disabled', !node?.retained);
    this.drawFields(history);
    this.drawPlot(history);
    byId('topic-history').replaceChildren(...history.slice(-HISTORY_SHOWN).reverse().map((m) => {
      const formatted = formatPayload(m.payload, m.encoding);
      const at = new Date(m.at);
      return el('li', { class: `message ${formatted.kind}` },
        el('div', { class: 'meta' },
          el('time', { datetime: at.toISOString() }, at.toLocaleTimeString()), ' ',
          el('span', { class: 'badge' }, `QoS ${m.qos}`),
          m.retained ? el('span', { class: 'badge retained' }, 'retained') : null),
        el('pre', { class: 'payload' }, m.payload === '' ? '(empty)' : formatted.text));
    }));
  }

  private drawFields(history: TopicMessage[]): void {
    const fields = plottableFields(history);
    const current = this.field.value || this.field.dataset.wanted || '';
    const options = fields.map((f) => el('option', { value: f }, f === VALUE ? 'the payload (a number)' : f));
    if (options.length !== this.field.options.length || fields.some((f, i) => this.field.options[i]?.value !== f)) {
      this.field.replaceChildren(...options);
    }
    this.field.value = fields.includes(current) ? current : (fields[0] ?? '');
    this.field.disabled = fields.length === 0;
  }

  private drawPlot(history: TopicMessage[]): void {
    const field = this.field.value;
    const seconds = Number(this.window.value);
    const points = field ? seriesOf(history, field, seconds > 0 ? Date.now() - seconds * 1000 : 0) : { times: [], values: [] };
    byId('plot-empty').textContent = field === ''
      ? 'Nothing to plot: no message of this topic was a number or JSON with numbers.'
      : points.values.length === 0 ? `No value of ${field} in this time window.` : '';
    if (field !== this.plottedField) {
      this.plot?.destroy();
      this.plot = undefined;
      this.plottedField = field;
    }
    if (field !== '') {
      const data: uPlot.AlignedData = [points.times, points.values];
      if (this.plot) {
        this.plot.setData(data);
      } else {
        this.plot = new uPlot({
          ...this.size(),
          scales: { x: { time: true } },
          series: [{}, { label: field === VALUE ? this.topic : field, stroke: '#0b5cad', width: 2, points: { show: true, size: 5 } }],
          axes: [{}, { size: 60 }],
        }, data, byId('plot'));
      }
      byId('plot').dataset.points = String(points.values.length);
    }
    const rows = points.times.slice(-TABLE_ROWS).map((t, i, shown) => {
      const value = points.values[points.values.length - shown.length + i];
      return el('tr', {}, el('td', {}, new Date(t * 1000).toLocaleTimeString()), el('td', {}, String(value)));
    });
    byId('plot-data').querySelector('tbody')?.replaceChildren(...rows);
  }

  private size(): { width: number; height: number } {
    return { width: Math.max(280, byId('plot').clientWidth), height: 260 };
  }

  private async send(payload: string, retain: boolean): Promise<boolean> {
    const outcome = await publish({ topic: this.topic, payload, qos: 1, retain }, this.apiKey());
    this.result.textContent = outcome.message;
    this.result.className = outcome.ok ? 'ok' : 'error';
    return outcome.ok;
  }
}
