import { describe, expect, it } from 'vitest';
import { liveNotice } from '../src/lib/liveNotice';

describe('liveNotice', () => {
  it('counts what arrived', () => {
    expect(liveNotice(3, false, 0)).toBe('3 received');
  });
  it('says when the view is paused and when the gateway dropped messages', () => {
    expect(liveNotice(10, true, 0)).toBe('10 received · paused: new messages are counted, not shown');
    expect(liveNotice(10, false, 250)).toBe('10 received · 250 dropped by the gateway because this page read too slowly');
  });
});
