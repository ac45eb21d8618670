import { describe, expect, it } from 'vitest';
import { formatPayload, hexDump, preview } from '../src/lib/payload';

describe('formatPayload', () => {
  it('pretty-prints JSON', () => {
    expect(formatPayload('{"t":21.5,"ok":true}', 'utf-8')).toEqual({ kind: 'json', text: '{\n  "t": 21.5,\n  "ok": true\n}' });
  });
  it('keeps text that only looks like JSON as text', () => {
    expect(formatPayload('{not json', 'utf-8')).toEqual({ kind: 'text', text: '{not json' });
    expect(formatPayload('Hello World', 'utf-8')).toEqual({ kind: 'text', text: 'Hello World' });
  });
  it('shows binary (base64 from the gateway) as hex', () => {
    expect(formatPayload('AAH/', 'base64')).toEqual({ kind: 'binary', text: '00 01 ff' });
  });
});

describe('hexDump and preview', () => {
  it('cuts long binaries and says how much is left', () => {
    expect(hexDump(new Uint8Array(300))).toMatch(/… \(44 more bytes\)$/);
  });
  it('makes one short line', () => {
    expect(preview('{\n "a": 1\n}', 'utf-8')).toBe('{"a":1}');
    expect(preview('x'.repeat(100), 'utf-8', 10)).toBe('xxxxxxxxx…');
  });
});
