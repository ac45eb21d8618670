/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { parseFrame } from '../src/lib/gateway';

// The frames the gateway writes, byte for byte (its FramesContractTest checks the same files).
const fixtures = import.meta.glob('../../docs/fixtures/frames/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const fixture = (name: string) => fixtures[`../../docs/fixtures/frames/${name}.json`];

describe('parseFrame reads every frame the gateway writes', () => {
  it('has the fixtures', () => {
    expect(Object.keys(fixtures).length).toBeGreaterThanOrEqual(6);
  });
  it('reads a text and a binary message', () => {
    expect(parseFrame(fixture('message-text'))).toEqual({
      type: 'message', topic: 'lab/room1/temp', payload: '21.5', encoding: 'utf-8', qos: 1, retain: true,
      receivedAt: '2026-11-27T10:15:30.123Z',
    });
    expect(parseFrame(fixture('message-binary'))).toMatchObject({ type: 'message', encoding: 'base64', payload: 'AP8B' });
  });
  it('reads the control frames', () => {
    expect(parseFrame(fixture('dropped'))).toEqual({ type: 'dropped', count: 250 });
    expect(parseFrame(fixture('subscribed'))).toMatchObject({ type: 'subscribed', filters: ['lab/#', '$SYS/broker/#'] });
    expect(parseFrame(fixture('unsubscribed'))).toMatchObject({ type: 'unsubscribed', filters: ['lab/#'] });
    expect(parseFrame(fixture('error'))).toMatchObject({ type: 'error', status: 403 });
  });
  it('ignores what it does not know or cannot use', () => {
    expect(parseFrame('{"type":"published","result":{}}')).toBeNull();
    expect(parseFrame('{"type":"message","topic":"a"}')).toBeNull();
    expect(parseFrame('not json')).toBeNull();
  });
});
