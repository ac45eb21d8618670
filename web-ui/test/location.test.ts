import { describe, expect, it } from 'vitest';
import { readState, writeState } from '../src/lib/location';

const nothing = { view: 'overview', topic: '', q: '', filters: [], field: '', client: '', clientQ: '', sort: '' };

describe('page state in the address', () => {
  it('round-trips view, topic, search, filters and field, wildcards and $ included', () => {
    const state = { ...nothing, view: 'topic' as const, topic: 'lab/r 1/temp', q: 'temp', filters: ['lab/#', '$SYS/+/x'], field: 'p.hPa' };
    const hash = writeState(state);
    expect(hash).toBe('#view=topic&topic=lab%2Fr+1%2Ftemp&q=temp&filter=lab%2F%23&filter=%24SYS%2F%2B%2Fx&field=p.hPa');
    expect(readState(hash)).toEqual(state);
  });
  it('round-trips the Clients view: its filter and sort, and a client\'s page by its id', () => {
    const list = { ...nothing, view: 'clients' as const, clientQ: '10.0.0', sort: '-since' };
    expect(writeState(list)).toBe('#view=clients&clientq=10.0.0&sort=-since');
    expect(readState(writeState(list))).toEqual(list);
    const page = { ...list, client: 'sensor/7 & co' };
    expect(writeState(page)).toBe('#view=clients&client=sensor%2F7+%26+co&clientq=10.0.0&sort=-since');
    expect(readState(writeState(page))).toEqual(page);
  });
  it('opens on the overview when the address says nothing, or names no known view', () => {
    expect(readState('')).toEqual(nothing);
    expect(readState('#view=admin').view).toBe('overview');
  });
});
