/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { describeResult, parseFrame, type PublishResult } from '../src/lib/gateway';

// What the gateway writes, byte for byte (its FramesContractTest and BatchAnswerContractTest check the same files).
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

const answers = import.meta.glob('../../docs/fixtures/batch-*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const results = (name: string) =>
  (JSON.parse(answers[`../../docs/fixtures/${name}.json`]) as { results: PublishResult[] }).results;

describe('describeResult reads the gateway\'s publish answers', () => {
  it('says what became of each message of a batch', () => {
    expect(results('batch-answer').map(describeResult)).toEqual([
      'Published to lab/room1/temp: acknowledged by the broker.',
      'Published to lab/room1/raw: handed to the broker.',
    ]);
  });
  it('says which message of a failed batch was not published, and why', () => {
    expect(results('batch-failed').map(describeResult)).toEqual([
      'Published to lab/room1/temp: acknowledged by the broker.',
      'Message 2 was not published (503): the broker is not reachable',
    ]);
  });
});
