// Everything the UI says to the gateway, on the page's own origin: the live WebSocket (/api/v1/ws, reconnecting by
// itself and subscribing again), publishing (POST /api/v1/messages, whose problem details are shown as they are),
// retained reads, and the broker's clients and subscriptions (an admin key).

import {
  type ClientDetail, type ClientList, type ClientQuery, clientsSearch, type Disconnected, parseClientDetail,
  parseClientList, parseDisconnected, parseSubscribers, type Subscribers,
} from './clients';
import type { Encoding } from './payload';

export interface MessageFrame {
  type: 'message';
  topic: string;
  payload: string;
  encoding: Encoding;
  qos: number;
  retain: boolean;
  receivedAt: string;
}

export type ServerFrame =
  | MessageFrame
  | { type: 'subscribed' | 'unsubscribed'; filters: string[] }
  | { type: 'dropped'; count: number }
  | { type: 'error'; status: number; detail: string };

/**
 * Reads one server frame of the gateway (docs/interfaces.md; docs/fixtures/frames/ has one of each): the frame when
 * its type is known and its fields have the types the page relies on, else null (a frame of a newer gateway, or a
 * broken one, is ignored rather than shown wrong).
 */
export function parseFrame(text: string): ServerFrame | null {
  let frame: Record<string, unknown>;
  try {
    frame = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  const isString = (key: string) => typeof frame[key] === 'string';
  const isNumber = (key: string) => typeof frame[key] === 'number';
  switch (frame.type) {
    case 'message':
      return isString('topic') && isString('payload') && (frame.encoding === 'utf-8' || frame.encoding === 'base64')
        && isNumber('qos') && typeof frame.retain === 'boolean' && isString('receivedAt')
        ? (frame as unknown as MessageFrame) : null;
    case 'subscribed':
    case 'unsubscribed':
      return Array.isArray(frame.filters) && frame.filters.every((f) => typeof f === 'string')
        ? (frame as unknown as ServerFrame) : null;
    case 'dropped':
      return isNumber('count') ? (frame as unknown as ServerFrame) : null;
    case 'error':
      return isNumber('status') && isString('detail') ? (frame as unknown as ServerFrame) : null;
    default:
      return null;
  }
}

export type Status = 'connecting' | 'connected' | 'disconnected';

export interface PublishRequest {
  topic: string;
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
}

export interface PublishOutcome {
  ok: boolean;
  status: number;
  /** What to show: the gateway's own detail when it refused, else a short confirmation. */
  message: string;
}

const INITIAL_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

/** A WebSocket to the gateway that comes back by itself and keeps its subscriptions. */
export class LiveConnection {
  private socket?: WebSocket;
  private readonly filters = new Set<string>();
  private delay = INITIAL_DELAY_MS;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly apiKey: () => string,
    private readonly onFrame: (frame: ServerFrame) => void,
    private readonly onStatus: (status: Status, detail: string) => void,
  ) {}

  open(): void {
    clearTimeout(this.timer);
    this.socket?.close();
    const url = new URL('/api/v1/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (this.apiKey()) {
      url.searchParams.set('access_token', this.apiKey());
    }
    this.onStatus('connecting', `connecting to ${url.host}`);
    const socket = new WebSocket(url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.delay = INITIAL_DELAY_MS;
      this.onStatus('connected', `connected to ${url.host}`);
      if (this.filters.size > 0) {
        this.send({ type: 'subscribe', filters: [...this.filters] });
      }
    };
    socket.onmessage = (event) => {
      const frame = parseFrame(String(event.data));
      if (frame) this.onFrame(frame);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) {
        return; // replaced by a newer connection
      }
      // A refused handshake (401: wrong or missing API key) looks like any failed connection to a browser.
      const why = opened ? `connection lost (code ${event.code})` : 'cannot connect (gateway down, or API key refused)';
      this.onStatus('disconnected', `${why}; retrying in ${Math.round(this.delay / 1000)} s`);
      this.timer = setTimeout(() => this.open(), this.delay);
      this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
    };
  }

  subscribe(filters: string[]): void {
    filters.forEach((f) => this.filters.add(f));
    this.send({ type: 'subscribe', filters });
  }

  unsubscribe(filters: string[]): void {
    filters.forEach((f) => this.filters.delete(f));
    this.send({ type: 'unsubscribe', filters });
  }

  private send(frame: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
    }
  }
}

/** Publishes one message through the gateway's REST API. */
/** One entry of the gateway's publish answer (docs/fixtures/batch-answer.json and batch-failed.json). */
export type PublishResult =
  | { topic: string; qos: number; retain: boolean; bytes: number; status: 'accepted' | 'acknowledged' }
  | { index: number; status: number; detail: string };

/** What to tell the user about one published message. */
export function describeResult(result: PublishResult): string {
  if ('topic' in result) {
    const what = result.status === 'accepted' ? 'handed to the broker' : 'acknowledged by the broker';
    return `Published to ${result.topic}: ${what}.`;
  }
  return `Message ${result.index + 1} was not published (${result.status}): ${result.detail}`;
}

export async function publish(request: PublishRequest, apiKey: string): Promise<PublishOutcome> {
  const headers = { 'Content-Type': 'application/json', ...authorization(apiKey) };
  let response: Response;
  try {
    response = await fetch('/api/v1/messages', { method: 'POST', headers, body: JSON.stringify(request) });
  } catch (e) {
    return { ok: false, status: 0, message: `The gateway could not be reached (${String(e)}).` };
  }
  if (response.ok) {
    let result: PublishResult;
    try {
      result = (await response.json()) as PublishResult;
    } catch {
      result = { topic: request.topic, qos: request.qos, retain: request.retain, bytes: 0,
        status: request.qos === 0 ? 'accepted' : 'acknowledged' };
    }
    return { ok: true, status: response.status, message: describeResult(result) };
  }
  return { ok: false, status: response.status, message: (await refusal(response)).message };
}

/** A refusal of the gateway: its status and its problem document's (RFC 9457) title and detail, as it wrote them. */
export class GatewayError extends Error {
  constructor(readonly status: number, readonly title: string, readonly detail: string) {
    super(status === 0 ? `The gateway could not be reached (${detail}).`
      : `The gateway refused (${status}): ${[title, detail].filter(Boolean).join(': ')}`);
  }
}

/** The problem the gateway answered with; the status line when the body is not a problem document. */
async function refusal(response: Response): Promise<GatewayError> {
  try {
    const problem = (await response.json()) as { title?: unknown; detail?: unknown };
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    if (text(problem.title) || text(problem.detail)) {
      return new GatewayError(response.status, text(problem.title), text(problem.detail));
    }
  } catch {
    // not a problem document: the status line says enough
  }
  return new GatewayError(response.status, '', `${response.status} ${response.statusText}`.trim());
}

/** A JSON answer of the gateway; a GatewayError when it refused or could not be reached. */
async function requestJson(path: string, apiKey: string, method = 'GET'): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { method, headers: authorization(apiKey) });
  } catch (e) {
    throw new GatewayError(0, '', String(e));
  }
  if (!response.ok) throw await refusal(response);
  return response.json();
}

// Operating the broker (an API key with admin): the gateway relays the broker's operations API, and answers 501 when
// the broker has none (e.g. mosquitto).

export async function fetchClients(query: ClientQuery, apiKey: string): Promise<ClientList> {
  return parseClientList(await requestJson(`/api/v1/clients?${clientsSearch(query)}`, apiKey));
}

export async function fetchClient(id: string, apiKey: string): Promise<ClientDetail> {
  return parseClientDetail(await requestJson(`/api/v1/clients/${encodeURIComponent(id)}`, apiKey));
}

/** Closes the client's connection; with `removeSession` its session, queue and subscriptions go too. */
export async function disconnectClient(id: string, removeSession: boolean, apiKey: string): Promise<Disconnected> {
  const path = `/api/v1/clients/${encodeURIComponent(id)}?removeSession=${removeSession}`;
  return parseDisconnected(await requestJson(path, apiKey, 'DELETE'));
}

/** The clients a message on `topic` reaches (the first 1000 subscriptions, the gateway's largest page). */
export async function fetchSubscribers(topic: string, apiKey: string): Promise<Subscribers> {
  const query = new URLSearchParams({ topic, limit: '1000' });
  return parseSubscribers(await requestJson(`/api/v1/subscriptions?${query}`, apiKey));
}

export interface RetainedMessage {
  topic: string;
  payload: string;
  encoding: Encoding;
  qos: number;
}

/**
 * The retained messages matching a filter (GET /api/v1/retained/{filter}): the current values, which live
 * subscriptions do not repeat; `truncated` when the gateway's limit cut the answer. Each level is percent-encoded,
 * so '#', '+' and '$' survive the URL.
 */
export async function fetchRetained(filter: string, apiKey: string): Promise<{ messages: RetainedMessage[]; truncated: boolean }> {
  const path = filter.split('/').map(encodeURIComponent).join('/');
  const response = await fetch(`/api/v1/retained/${path}`, { headers: authorization(apiKey) });
  if (!response.ok) {
    throw new Error(`retained ${filter}: ${response.status}`);
  }
  const answer = (await response.json()) as { messages: RetainedMessage[]; truncated?: boolean };
  return { messages: answer.messages, truncated: answer.truncated === true };
}

/** What the key may do (GET /api/v1/access). */
export interface Access {
  key: string | null;
  publish: string[];
  subscribe: string[];
  /** May operate the broker (its clients and subscriptions); true when auth is off. Absent from older gateways. */
  admin?: boolean;
}

export async function fetchAccess(apiKey: string): Promise<Access> {
  const response = await fetch('/api/v1/access', { headers: authorization(apiKey) });
  if (!response.ok) {
    throw new Error(`access: ${response.status}`);
  }
  return (await response.json()) as Access;
}

function authorization(apiKey: string): Record<string, string> {
  return apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
}
