// Live view: subscriptions, the message list (newest first), pause, clear, search, and dropped-message notices.

import type { MessageFrame } from '../lib/gateway';
import { formatPayload } from '../lib/payload';
import { filterError } from '../lib/topics';
import { liveNotice } from '../lib/liveNotice';
import { byId, el } from './dom';

const MAX_SHOWN = 500;

export class LiveView {
  private paused = false;
  private readonly list = byId<HTMLOListElement>('live-messages');
  private readonly search = byId<HTMLInputElement>('live-search');
  private readonly error = byId<HTMLParagraphElement>('subscribe-error');
  private readonly notice = byId<HTMLParagraphElement>('live-notice');
  private received = 0;
  private dropped = 0;

  constructor(
    private readonly subscribe: (filter: string) => void,
    private readonly unsubscribe: (filter: string) => void,
  ) {
    byId<HTMLFormElement>('subscribe-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = byId<HTMLInputElement>('subscribe-filter');
      const filter = input.value.trim();
      const problem = filterError(filter);
      this.error.textContent = problem ?? '';
      input.setAttribute('aria-invalid', String(problem !== null));
      if (problem === null) {
        this.subscribe(filter);
        input.value = '';
      }
    });
    const pause = byId<HTMLButtonElement>('live-pause');
    pause.addEventListener('click', () => {
      this.paused = !this.paused;
      pause.textContent = this.paused ? 'Resume' : 'Pause';
      pause.setAttribute('aria-pressed', String(this.paused));
    });
    byId<HTMLButtonElement>('live-clear').addEventListener('click', () => {
      this.list.replaceChildren();
      this.received = 0;
      this.dropped = 0;
      this.updateNotice();
    });
    this.search.addEventListener('input', () => {
      for (const item of Array.from(this.list.children) as HTMLElement[]) {
        item.hidden = !this.visible(item.dataset.search ?? '');
      }
    });
  }

  /** The user's filters; those the gateway confirmed are active, the others still pending. */
  showFilters(filters: string[], confirmed: Set<string>): void {
    const chips = filters.map((filter) => {
      const state = confirmed.has(filter) ? 'active' : 'pending';
      return el('li', { 'data-state': state, title: state === 'active' ? 'subscribed' : 'waiting for the gateway' },
        el('code', {}, filter), state === 'pending' ? ' (pending)' : '', ' ',
        button(`Unsubscribe from ${filter}`, '×', () => this.unsubscribe(filter)));
    });
    byId('live-filters').replaceChildren(...chips);
  }

  add(frame: MessageFrame): void {
    this.received++;
    if (this.paused) {
      this.updateNotice();
      return;
    }
    const formatted = formatPayload(frame.payload, frame.encoding);
    const time = new Date(frame.receivedAt).toLocaleTimeString();
    const item = el('li', { class: `message ${formatted.kind}` },
      el('div', { class: 'meta' },
        el('time', { datetime: frame.receivedAt }, time), ' ',
        el('span', { class: 'topic' }, frame.topic), ' ',
        el('span', { class: 'badge' }, `QoS ${frame.qos}`),
        frame.retain ? el('span', { class: 'badge retained' }, 'retained') : null,
        formatted.kind !== 'text' ? el('span', { class: 'badge' }, formatted.kind === 'json' ? 'JSON' : 'hex') : null),
      el('pre', { class: 'payload' }, formatted.text));
    item.dataset.search = `${frame.topic}\n${formatted.text}`.toLowerCase();
    item.hidden = !this.visible(item.dataset.search);
    this.list.prepend(item);
    while (this.list.children.length > MAX_SHOWN) {
      this.list.lastElementChild?.remove();
    }
    this.updateNotice();
  }

  droppedByGateway(count: number): void {
    this.dropped += count;
    this.updateNotice();
  }

  private visible(text: string): boolean {
    const query = this.search.value.trim().toLowerCase();
    return query === '' || text.includes(query);
  }

  private updateNotice(): void {
    this.notice.textContent = liveNotice(this.received, this.paused, this.dropped);
    this.notice.classList.toggle('warning', this.dropped > 0);
  }
}

export function button(label: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', 'aria-label': label, title: label }, text);
  b.addEventListener('click', onClick);
  return b;
}
