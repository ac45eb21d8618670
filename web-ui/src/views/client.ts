// One client's page (GET /api/v1/clients/{id}): its connection, session and subscriptions, asked again every few
// seconds while shown, and Disconnect after a confirmation, optionally removing its session too; the outcome stays
// on the page.

import { ago, type ClientDetail, describeDisconnected, formatSessionExpiry } from '../lib/clients';
import { disconnectClient, fetchClient, GatewayError } from '../lib/gateway';
import { byId, el } from './dom';
import { localTime, OperatedPart, type Parts, Refresher, showContent, showFailure, showUnavailable } from './operations';

export class ClientView {
  private readonly result = byId<HTMLParagraphElement>('client-result');
  private readonly removeSession = byId<HTMLInputElement>('client-remove-session');
  private readonly parts: Parts = {
    unavailable: byId('client-unavailable'), error: byId('client-error'), content: byId('client-content'),
  };
  private readonly refresher: Refresher<ClientDetail>;
  private readonly part: OperatedPart;
  private id = '';

  /** @param link the address of a client's page ('': the list, with its filter and sort) */
  constructor(private readonly apiKey: () => string, private readonly link: (id: string) => string) {
    this.refresher = new Refresher(() => fetchClient(this.id, this.apiKey()), (client) => {
      showContent(this.parts);
      this.draw(client);
    }, (error) => {
      if (error instanceof GatewayError && error.status === 404) {
        showUnavailable(this.parts, `The broker has no client ${this.id}: it is neither connected nor holds a session.`);
      } else {
        showFailure(this.parts, error);
      }
    });
    this.part = new OperatedPart(byId('client-page'), this.refresher, this.parts);
    byId('client-disconnect').addEventListener('click', () => void this.disconnect());
  }

  setAdmin(admin: boolean): void {
    this.part.setAdmin(admin);
  }

  /** Shows a client's page; opened anew (another client, or coming back to it), it starts without the last outcome. */
  show(id: string): void {
    if (id !== this.id || !this.part.isShown) {
      this.id = id;
      this.result.textContent = '';
      this.removeSession.checked = false;
      byId('client-title').textContent = id;
      byId('client-content').hidden = true; // until its answer came
    }
    byId<HTMLAnchorElement>('client-back').href = this.link('');
    this.part.show();
  }

  hide(): void {
    this.part.hide();
  }

  private async disconnect(): Promise<void> {
    const id = this.id;
    const remove = this.removeSession.checked;
    const what = remove ? `Disconnect ${id} and remove its session? Its subscriptions and queued messages are deleted.`
      : `Disconnect ${id}? Its session stays: it gets its subscriptions and queued messages back when it connects again.`;
    if (!window.confirm(what)) return;
    try {
      const outcome = await disconnectClient(id, remove, this.apiKey());
      this.result.textContent = describeDisconnected(outcome);
      this.result.className = 'ok';
    } catch (error) {
      this.result.textContent = error instanceof Error ? error.message : String(error);
      this.result.className = 'error';
    }
    if (id === this.id && this.part.isShown) this.refresher.now();
  }

  private draw(c: ClientDetail): void {
    const now = Date.now();
    const since = (iso: string | null) => (iso === null ? '–' : `${localTime(iso)} (${ago(iso, now)} ago)`);
    const facts: [string, string][] = [
      ['State', c.connected ? 'connected' : 'disconnected'],
      ['Connected at', since(c.connectedAt)],
      ...(c.connected ? [] : [['Disconnected at', since(c.disconnectedAt)] as [string, string]]),
      ['Address', c.address ?? '–'],
      ['Protocol', c.protocol ? `MQTT ${c.protocol}` : '–'],
      ['User', c.username ?? '–'],
      ['Keep-alive', c.keepAlive === null ? '–' : `${c.keepAlive} s`],
      ['Clean start', c.cleanStart === null ? '–' : c.cleanStart ? 'yes' : 'no'],
      ['Session expiry', formatSessionExpiry(c.sessionExpiry)],
      ['Queued messages', String(c.queuedMessages)],
    ];
    byId('client-facts').replaceChildren(...facts.map(([name, value]) =>
      el('div', { 'data-fact': name }, el('dt', {}, name), el('dd', {}, value))));
    const rows = c.subscriptions.map((s) => el('tr', { 'data-filter': s.filter },
      el('td', {}, el('code', {}, s.filter)), el('td', {}, String(s.qos)),
      el('td', {}, s.noLocal ? 'yes' : 'no'), el('td', {}, s.retainAsPublished ? 'yes' : 'no')));
    byId('client-subscriptions').querySelector('tbody')?.replaceChildren(...(rows.length ? rows
      : [el('tr', {}, el('td', { colspan: '4', class: 'empty' }, 'No subscriptions.'))]));
  }
}
