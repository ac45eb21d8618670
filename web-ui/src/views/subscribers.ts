// A topic's subscribers, on its page (an admin key): the clients whose subscriptions a message on the topic reaches
// (GET /api/v1/subscriptions?topic=T), each with the filters that match, linking to the client's page. Asked when
// the user asks ("Show subscribers"), not with every message.

import { type Subscribers } from '../lib/clients';
import { fetchSubscribers } from '../lib/gateway';
import { byId, el } from './dom';
import { type Parts, Refresher, showContent, showFailure } from './operations';

export class SubscribersView {
  private readonly list = byId<HTMLUListElement>('topic-subscribers');
  private readonly parts: Parts = {
    unavailable: byId('topic-subscribers-unavailable'), error: byId('topic-subscribers-error'), content: this.list,
  };
  private topic = '';
  /** Asked only on request (never started): it keeps a late answer for the topic before from being shown. */
  private readonly refresher: Refresher<Subscribers>;

  /** @param link the address of a client's page */
  constructor(private readonly apiKey: () => string, private readonly link: (id: string) => string) {
    this.refresher = new Refresher(() => fetchSubscribers(this.topic, this.apiKey()), (answer) => {
      showContent(this.parts);
      this.draw(answer);
    }, (error) => showFailure(this.parts, error));
    byId('topic-subscribers-show').addEventListener('click', () => this.refresher.now());
  }

  /** A topic's page opened: what was listed belongs to the topic before. */
  show(topic: string): void {
    if (topic === this.topic) return;
    this.topic = topic;
    this.refresher.stop();
    this.list.replaceChildren();
    byId('topic-subscribers-count').textContent = '';
    showContent(this.parts);
  }

  private draw({ subscribers, more }: Subscribers): void {
    const n = subscribers.length;
    byId('topic-subscribers-count').textContent = n === 0 ? `No client is subscribed to a filter that ${this.topic} matches.`
      : `${n} ${n === 1 ? 'client receives' : 'clients receive'} messages on ${this.topic}${more ? ' (the first 1000 subscriptions shown)' : ''}:`;
    this.list.replaceChildren(...subscribers.map((s) => el('li', { 'data-client': s.clientId },
      el('a', { href: this.link(s.clientId), 'data-client': s.clientId }, s.clientId), ' ',
      ...s.subscriptions.map((f) => el('span', { class: 'badge' }, `${f.filter} (QoS ${f.qos})`)))));
  }
}
