import { describe, expect, it } from 'vitest';
import {
  ago, type Client, clientsSearch, describeDisconnected, formatSessionExpiry, parseClientDetail, parseClientList, parseDisconnected,
  parseSubscribers, readSort, sortClients, toggleSort, UnexpectedAnswer, writeSort,
} from '../src/lib/clients';

// As the operations API writes them (docs/interfaces.md, "Operations API").
const sensor = {
  id: 'sensor-10', connected: true, connectedAt: '2026-12-04T10:00:00Z', disconnectedAt: null, address: '10.0.0.7',
  protocol: '5', keepAlive: 60, cleanStart: true, sessionExpiry: 0, username: 'lab',
};
const logger = {
  id: 'logger', connected: false, connectedAt: '2026-12-04T09:00:00Z', disconnectedAt: '2026-12-04T09:30:00Z',
  address: '10.0.0.12', protocol: '3.1.1', keepAlive: 30, cleanStart: false, sessionExpiry: 3600, username: null,
};
const kept = {
  id: 'sensor-9', connected: false, connectedAt: null, disconnectedAt: null, address: null, protocol: null,
  keepAlive: null, cleanStart: null, sessionExpiry: 86400, username: 'lab',
};
const list = parseClientList({ items: [sensor, logger, kept], cursor: null, total: 3, connected: 1, disconnected: 2 });
const ids = (clients: Client[]) => clients.map((c) => c.id);

describe('reading the operations API\'s answers', () => {
  it('reads a page of clients with its cursor and counts', () => {
    expect(list.items[0]).toEqual(sensor);
    expect(list.items[2]).toEqual(kept);
    expect(list).toMatchObject({ cursor: null, total: 3, connected: 1, disconnected: 2 });
    expect(parseClientList({ items: [], cursor: 'c2', total: 0, connected: 0, disconnected: 0 }).cursor).toBe('c2');
  });
  it('reads one client with its subscriptions and queued messages', () => {
    const detail = parseClientDetail({ ...logger, queuedMessages: 4, subscriptions: [
      { filter: 'lab/#', qos: 1, noLocal: false, retainAsPublished: true }] });
    expect(detail).toMatchObject({ id: 'logger', queuedMessages: 4,
      subscriptions: [{ filter: 'lab/#', qos: 1, noLocal: false, retainAsPublished: true }] });
  });
  it('groups the subscriptions a topic reaches by client, in order, and says when there are more', () => {
    const answer = parseSubscribers({ items: [
      { clientId: 'b', filter: 'lab/+', qos: 0, noLocal: false, retainAsPublished: false },
      { clientId: 'a', filter: 'lab/x', qos: 2, noLocal: true, retainAsPublished: false },
      { clientId: 'b', filter: 'lab/#', qos: 1, noLocal: false, retainAsPublished: false }], cursor: 'next', total: 4 });
    expect(answer.more).toBe(true);
    expect(answer.subscribers.map((s) => [s.clientId, s.subscriptions.map((f) => f.filter)]))
      .toEqual([['a', ['lab/x']], ['b', ['lab/#', 'lab/+']]]);
    expect(parseSubscribers({ items: [], cursor: null, total: 0 })).toEqual({ subscribers: [], more: false });
  });
  it('refuses an answer that is not what the contract says, rather than showing it wrong', () => {
    expect(() => parseClientList({ clients: [] })).toThrow(UnexpectedAnswer);
    expect(() => parseClientList({ items: [{ id: 7 }] })).toThrow(/not a client/);
    expect(() => parseClientDetail(sensor)).toThrow(/subscriptions/);
    expect(() => parseSubscribers({ items: [{ filter: 'a' }] })).toThrow(UnexpectedAnswer);
  });
  it('says what a disconnect did', () => {
    expect(describeDisconnected(parseDisconnected({ id: 'sensor-10', disconnected: true, sessionRemoved: false })))
      .toBe('sensor-10 is disconnected; its session stays on the broker.');
    expect(describeDisconnected(parseDisconnected({ id: 'logger', disconnected: true, sessionRemoved: true })))
      .toBe('logger is disconnected, and its session (subscriptions and queued messages) is removed.');
    expect(describeDisconnected(parseDisconnected({ id: 'sensor-10', disconnected: false, sessionRemoved: false })))
      .toBe('sensor-10 is still connected; its session stays on the broker.');
  });
});

describe('sorting a page of clients', () => {
  it('sorts ids as people read numbers in them', () => {
    expect(ids(sortClients(list.items, readSort('id')))).toEqual(['logger', 'sensor-9', 'sensor-10']);
    expect(ids(sortClients(list.items, readSort('-id')))).toEqual(['sensor-10', 'sensor-9', 'logger']);
  });
  it('puts clients without the value last in both directions, ties in id order', () => {
    expect(ids(sortClients(list.items, readSort('since')))).toEqual(['logger', 'sensor-10', 'sensor-9']);
    expect(ids(sortClients(list.items, readSort('-since')))).toEqual(['sensor-10', 'logger', 'sensor-9']);
    expect(ids(sortClients(list.items, readSort('user')))).toEqual(['sensor-9', 'sensor-10', 'logger']);
    expect(ids(sortClients(list.items, readSort('-keepAlive')))).toEqual(['sensor-10', 'logger', 'sensor-9']);
  });
  it('sorts by connection state, and leaves the page it was given as it was', () => {
    const page = [...list.items];
    expect(ids(sortClients(page, readSort('-connected')))).toEqual(['sensor-10', 'logger', 'sensor-9']);
    expect(ids(page)).toEqual(['sensor-10', 'logger', 'sensor-9']);
  });
  it('turns the order around on a second click of the same header; another header sorts ascending', () => {
    const byId = readSort('');
    expect(byId).toEqual({ column: 'id', descending: false });
    expect(writeSort(toggleSort(byId, 'id'))).toBe('-id');
    expect(writeSort(toggleSort(toggleSort(byId, 'id'), 'id'))).toBe('id');
    expect(writeSort(toggleSort(readSort('-id'), 'address'))).toBe('address');
  });
  it('reads an unknown sort in the address as by id', () => {
    expect(readSort('-password')).toEqual({ column: 'id', descending: false });
  });
});

describe('what a list asks the gateway', () => {
  it('sends the filter as q and the next page\'s cursor; leaves out an empty filter and the first page\'s cursor', () => {
    expect(clientsSearch({ q: '', cursor: null, limit: 100 })).toBe('limit=100');
    expect(clientsSearch({ q: ' 10.0.0 ', cursor: 'c/2+', limit: 100 })).toBe('limit=100&q=10.0.0&cursor=c%2F2%2B');
  });
  it('says how long ago a time was, nothing when it is unknown', () => {
    expect(ago('2026-12-04T10:00:00Z', Date.parse('2026-12-04T10:02:05Z'))).toBe('2 min 5 s');
    expect(ago(null, 0)).toBe('');
  });
  it('says how long a session outlives its connection, HiveMQ\'s maximum as never', () => {
    expect(formatSessionExpiry(0)).toBe('ends with the connection');
    expect(formatSessionExpiry(3600)).toBe('1 h 0 min');
    expect(formatSessionExpiry(4_294_967_295)).toBe('never expires');
    expect(formatSessionExpiry(null)).toBe('–');
  });
});
