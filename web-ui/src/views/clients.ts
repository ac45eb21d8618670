// The Clients view's list: the broker's clients from the gateway (GET /api/v1/clients), filtered by the gateway (`q`),
// a page at a time (its cursor), sorted in the browser by the column whose header was clicked, with the connected
// and disconnected counts; asked again every few seconds while shown. Ids link to the client's page.

import { type Client, type ClientList, readSort, type Sort, type SortColumn, sortClients, toggleSort, writeSort } from '../lib/clients';
import { fetchClients } from '../lib/gateway';
import { byId, el } from './dom';
import { localTime, OperatedPart, type Parts, Refresher, showContent, showFailure } from './operations';

const PAGE_SIZE = 100;
const FILTER_DELAY_MS = 300;

export class ClientsView {
  private readonly filter = byId<HTMLInputElement>('clients-filter');
  private readonly parts: Parts = {
    unavailable: byId('clients-unavailable'), error: byId('clients-error'), content: byId('clients-content'),
  };
  private readonly refresher: Refresher<ClientList>;
  private readonly part: OperatedPart;
  /** The cursor of each page up to the one shown (the first page's is null). */
  private cursors: (string | null)[] = [null];
  private list?: ClientList;
  private sort: Sort = readSort('');
  private typing?: ReturnType<typeof setTimeout>;

  /**
   * @param link     the address of a client's page
   * @param onChange called with the filter text and the sort (the address keeps them)
   */
  constructor(
    private readonly apiKey: () => string,
    private readonly link: (id: string) => string,
    private readonly onChange: (filter: string, sort: string) => void,
  ) {
    this.refresher = new Refresher(
      () => fetchClients({ q: this.filter.value, cursor: this.cursors.at(-1) ?? null, limit: PAGE_SIZE }, this.apiKey()),
      (list) => {
        this.list = list;
        showContent(this.parts);
        this.draw();
      },
      (error) => showFailure(this.parts, error));
    this.part = new OperatedPart(byId('clients-list'), this.refresher, this.parts);
    this.filter.addEventListener('input', () => {
      clearTimeout(this.typing);
      this.typing = setTimeout(() => this.applyFilter(), FILTER_DELAY_MS);
    });
    for (const header of Array.from(byId('clients-table').querySelectorAll<HTMLButtonElement>('th button[data-sort]'))) {
      header.addEventListener('click', () => {
        this.sort = toggleSort(this.sort, header.dataset.sort as SortColumn);
        this.changed();
        this.draw();
      });
    }
    byId('clients-next').addEventListener('click', () => {
      if (!this.list?.cursor) return;
      this.cursors.push(this.list.cursor);
      this.refresher.now();
    });
    byId('clients-previous').addEventListener('click', () => {
      if (this.cursors.length < 2) return;
      this.cursors.pop();
      this.refresher.now();
    });
  }

  /** What the key may do, once the gateway said it. */
  setAdmin(admin: boolean): void {
    this.part.setAdmin(admin);
  }

  /** Shows the list with the address's filter and sort, and keeps it fresh while shown. */
  show(filter: string, sort: string): void {
    if (filter !== this.filter.value) {
      this.filter.value = filter;
      this.cursors = [null];
    }
    this.sort = readSort(sort);
    this.draw();
    this.part.show();
  }

  /** Stops asking; a filter still being typed is kept (in the address) rather than applied later. */
  hide(): void {
    if (this.typing !== undefined) this.applyFilter();
    this.part.hide();
  }

  /** The filter's text is settled: the first page of what it matches. */
  private applyFilter(): void {
    clearTimeout(this.typing);
    this.typing = undefined;
    this.cursors = [null];
    this.changed();
    if (this.part.isShown) this.refresher.now();
  }

  private changed(): void {
    this.onChange(this.filter.value, writeSort(this.sort));
  }

  private draw(): void {
    for (const header of Array.from(byId('clients-table').querySelectorAll<HTMLElement>('th[data-column]'))) {
      const sorted = header.dataset.column === this.sort.column;
      header.setAttribute('aria-sort', sorted ? (this.sort.descending ? 'descending' : 'ascending') : 'none');
    }
    const list = this.list;
    if (!list) return;
    const q = this.filter.value.trim();
    byId('clients-counts').textContent = [`${list.connected} connected`, `${list.disconnected} disconnected`,
      q ? `${list.total} matching "${q}"` : `${list.total} in all`].join(' · ');
    const rows = sortClients(list.items, this.sort).map((c) => this.row(c));
    byId('clients-table').querySelector('tbody')?.replaceChildren(...(rows.length ? rows
      : [el('tr', {}, el('td', { colspan: '8', class: 'empty' }, q ? `No client matches "${q}".` : 'No clients.'))]));
    const paged = this.cursors.length > 1 || list.cursor !== null;
    byId('clients-paging').hidden = !paged;
    byId('clients-page').textContent = `page ${this.cursors.length}`;
    byId<HTMLButtonElement>('clients-previous').disabled = this.cursors.length < 2;
    byId<HTMLButtonElement>('clients-next').disabled = list.cursor === null;
  }

  private row(c: Client): HTMLTableRowElement {
    const cells = [
      el('a', { href: this.link(c.id), 'data-client': c.id }, c.id),
      el('span', { class: c.connected ? 'ok' : 'muted' }, c.connected ? 'connected' : 'disconnected'),
      el('time', c.connectedAt ? { datetime: c.connectedAt } : {}, localTime(c.connectedAt)),
      c.address ?? '–',
      c.protocol ? `MQTT ${c.protocol}` : '–',
      c.username ?? '–',
      c.keepAlive === null ? '–' : `${c.keepAlive} s`,
      c.cleanStart === null ? '–' : c.cleanStart ? 'yes' : 'no',
    ];
    return el('tr', { 'data-client': c.id }, ...cells.map((cell) => el('td', {}, cell)));
  }
}
