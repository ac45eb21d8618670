import { describe, expect, it } from 'vitest';
import { readState, writeState } from '../src/lib/location';

describe('page state in the address', () => {
  it('round-trips view, topic, search, filters and field, wildcards and $ included', () => {
    const state = { view: 'topic' as const, topic: 'lab/r 1/temp', q: 'temp', filters: ['lab/#', '$SYS/+/x'], field: 'p.hPa' };
    const hash = writeState(state);
    expect(hash).toBe('#view=topic&topic=lab%2Fr+1%2Ftemp&q=temp&filter=lab%2F%23&filter=%24SYS%2F%2B%2Fx&field=p.hPa');
    expect(readState(hash)).toEqual(state);
  });
  it('opens on the overview when the address says nothing, or names no known view', () => {
    expect(readState('')).toEqual({ view: 'overview', topic: '', q: '', filters: [], field: '' });
    expect(readState('#view=admin').view).toBe('overview');
  });
});
