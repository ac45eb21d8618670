// The broker's clients as the gateway's operations API gives them (docs/interfaces.md, "Operations API"): reading its
// answers (a client list page, one client with its subscriptions, a disconnect, the subscriptions a topic reaches),
// sorting a page by a column, and the query a list asks with. Pure: no DOM, no fetch.

import { formatUptime } from './brokerStats';

export interface Client {
  id: string;
  connected: boolean;
  /** ISO 8601 UTC; null when unknown (e.g. a session kept from before a restart). */
  connectedAt: string | null;
  disconnectedAt: string | null;
  address: string | null;
  /** "3.1", "3.1.1" or "5". */
  protocol: string | null;
  /** Seconds. */
  keepAlive: number | null;
  cleanStart: boolean | null;
  /** Seconds. */
  sessionExpiry: number | null;
  username: string | null;
}

export interface Subscription {
  filter: string;
  qos: number;
  noLocal: boolean;
  retainAsPublished: boolean;
}

export interface ClientDetail extends Client {
  subscriptions: Subscription[];
  queuedMessages: number;
}

/** One page of `GET /api/v1/clients`. */
export interface ClientList {
  items: Client[];
  /** The next page's cursor; null on the last page. */
  cursor: string | null;
  /** Clients matching the query. */
  total: number;
  /** Counts over all clients, whatever the query. */
  connected: number;
  disconnected: number;
}

/** The answer to `DELETE /api/v1/clients/{id}`. */
export interface Disconnected {
  id: string;
  disconnected: boolean;
  sessionRemoved: boolean;
}

/** One client a message on a topic reaches, with the filters of its that match. */
export interface Subscriber {
  clientId: string;
  subscriptions: Subscription[];
}

export interface Subscribers {
  subscribers: Subscriber[];
  /** More subscriptions than this page held (the gateway's cursor was not null). */
  more: boolean;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOrNull = (value: unknown) => typeof value === 'string' ? value : null;
const numberOrNull = (value: unknown) => typeof value === 'number' ? value : null;
const booleanOrNull = (value: unknown) => typeof value === 'boolean' ? value : null;

/** An answer the page cannot use: a gateway of another version, or something else answering on its path. */
export class UnexpectedAnswer extends Error {
  constructor(what: string) {
    super(`The gateway's answer is not ${what} as docs/interfaces.md describes it.`);
  }
}

function client(value: unknown): Client {
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.connected !== 'boolean') {
    throw new UnexpectedAnswer('a client');
  }
  return {
    id: value.id,
    connected: value.connected,
    connectedAt: stringOrNull(value.connectedAt),
    disconnectedAt: stringOrNull(value.disconnectedAt),
    address: stringOrNull(value.address),
    protocol: stringOrNull(value.protocol),
    keepAlive: numberOrNull(value.keepAlive),
    cleanStart: booleanOrNull(value.cleanStart),
    sessionExpiry: numberOrNull(value.sessionExpiry),
    username: stringOrNull(value.username),
  };
}

function subscription(value: unknown): Subscription {
  if (!isObject(value) || typeof value.filter !== 'string' || typeof value.qos !== 'number') {
    throw new UnexpectedAnswer('a subscription');
  }
  return { filter: value.filter, qos: value.qos, noLocal: value.noLocal === true, retainAsPublished: value.retainAsPublished === true };
}

function items(answer: unknown, what: string): unknown[] {
  if (!isObject(answer) || !Array.isArray(answer.items)) throw new UnexpectedAnswer(what);
  return answer.items;
}

export function parseClientList(answer: unknown): ClientList {
  const list = items(answer, 'a client list').map(client);
  const a = answer as Json;
  const count = (key: string) => numberOrNull(a[key]) ?? 0;
  return { items: list, cursor: stringOrNull(a.cursor), total: numberOrNull(a.total) ?? list.length,
    connected: count('connected'), disconnected: count('disconnected') };
}

export function parseClientDetail(answer: unknown): ClientDetail {
  const base = client(answer);
  const a = answer as Json;
  if (!Array.isArray(a.subscriptions)) throw new UnexpectedAnswer('a client with its subscriptions');
  return { ...base, subscriptions: a.subscriptions.map(subscription), queuedMessages: numberOrNull(a.queuedMessages) ?? 0 };
}

export function parseDisconnected(answer: unknown): Disconnected {
  if (!isObject(answer) || typeof answer.id !== 'string') throw new UnexpectedAnswer('a disconnect outcome');
  return { id: answer.id, disconnected: answer.disconnected === true, sessionRemoved: answer.sessionRemoved === true };
}

/** The subscriptions a message on a topic reaches, grouped by client, clients and filters in order. */
export function parseSubscribers(answer: unknown): Subscribers {
  const byClient = new Map<string, Subscription[]>();
  for (const item of items(answer, 'a subscription list')) {
    if (!isObject(item) || typeof item.clientId !== 'string') throw new UnexpectedAnswer('a subscription list');
    const list = byClient.get(item.clientId) ?? [];
    list.push(subscription(item));
    byClient.set(item.clientId, list);
  }
  const subscribers = [...byClient.entries()].sort(([a], [b]) => compareText(a, b)).map(([clientId, subscriptions]) =>
    ({ clientId, subscriptions: subscriptions.sort((x, y) => compareText(x.filter, y.filter)) }));
  return { subscribers, more: stringOrNull((answer as Json).cursor) !== null };
}

/**
 * What became of a disconnect, in a sentence. The broker answers `disconnected` true once the client is not connected
 * (also when it was not before, its session being removed), false when it stayed connected.
 */
export function describeDisconnected(d: Disconnected): string {
  const state = d.disconnected ? `${d.id} is disconnected` : `${d.id} is still connected`;
  return d.sessionRemoved ? `${state}, and its session (subscriptions and queued messages) is removed.`
    : `${state}; its session stays on the broker.`;
}

/** How long ago an ISO time was, as formatUptime says it ("2 min 5 s"); '' when the time is unknown. */
export function ago(iso: string | null, now: number): string {
  const at = iso === null ? NaN : Date.parse(iso);
  return Number.isNaN(at) ? '' : formatUptime(Math.max(0, Math.floor((now - at) / 1000)));
}

/** HiveMQ's "never expires" (MQTT 5's maximum), which it also gives MQTT 3 sessions that are not clean. */
const NEVER_EXPIRES = 4_294_967_295;

/** How long a session outlives its connection, as a person says it. */
export function formatSessionExpiry(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds === 0) return 'ends with the connection';
  return seconds >= NEVER_EXPIRES ? 'never expires' : formatUptime(seconds);
}

// Sorting: a page is sorted in the browser (the gateway pages by id), by one column, nulls last either way.

export const SORT_COLUMNS = ['id', 'connected', 'since', 'address', 'protocol', 'user', 'keepAlive', 'cleanStart'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface Sort {
  column: SortColumn;
  descending: boolean;
}

const SORT_VALUE: Record<SortColumn, (c: Client) => string | number | boolean | null> = {
  id: (c) => c.id,
  connected: (c) => c.connected,
  since: (c) => (c.connectedAt === null || Number.isNaN(Date.parse(c.connectedAt)) ? null : Date.parse(c.connectedAt)),
  address: (c) => c.address,
  protocol: (c) => c.protocol,
  user: (c) => c.username,
  keepAlive: (c) => c.keepAlive,
  cleanStart: (c) => c.cleanStart,
};

const collator = new Intl.Collator('en', { numeric: true });
const compareText = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

function compareValues(a: string | number | boolean, b: string | number | boolean): number {
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  return Number(a) - Number(b);
}

/** A sorted copy; ties keep the id order, and clients without the value come last in both directions. */
export function sortClients<T extends Client>(clients: T[], sort: Sort): T[] {
  const value = SORT_VALUE[sort.column];
  return [...clients].sort((x, y) => {
    const a = value(x);
    const b = value(y);
    if (a === null || b === null) return a === b ? compareText(x.id, y.id) : a === null ? 1 : -1;
    return (sort.descending ? -1 : 1) * compareValues(a, b) || compareText(x.id, y.id);
  });
}

/** The address's form of a sort: the column, with a leading '-' when descending ("-since"); unknown: by id. */
export function readSort(text: string): Sort {
  const descending = text.startsWith('-');
  const column = (descending ? text.slice(1) : text) as SortColumn;
  return SORT_COLUMNS.includes(column) ? { column, descending } : { column: 'id', descending: false };
}

export function writeSort(sort: Sort): string {
  return `${sort.descending ? '-' : ''}${sort.column}`;
}

/** A click on a column's header: the same column turns the order around, another sorts by it ascending. */
export function toggleSort(current: Sort, column: SortColumn): Sort {
  return current.column === column ? { column, descending: !current.descending } : { column, descending: false };
}

/** What a list asks the gateway for: the text to look for (in id, address and user name), a page, its size. */
export interface ClientQuery {
  q: string;
  cursor: string | null;
  limit: number;
}

/** The query string of `GET /api/v1/clients`; an empty filter and the first page's null cursor are left out. */
export function clientsSearch(query: ClientQuery): string {
  const params = new URLSearchParams({ limit: String(query.limit) });
  const q = query.q.trim();
  if (q) params.set('q', q);
  if (query.cursor !== null) params.set('cursor', query.cursor);
  return params.toString();
}
