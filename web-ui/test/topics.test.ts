import { describe, expect, it } from 'vitest';
import { filterError, matches, topicError } from '../src/lib/topics';

describe('topicError', () => {
  it('accepts plain topics, also with empty levels', () => {
    expect(topicError('lab/room1/temp')).toBeNull();
    expect(topicError('a//b')).toBeNull();
  });
  it('refuses wildcards, saying they are for subscribing', () => {
    expect(topicError('lab/#')).toMatch(/only for subscribing/);
    expect(topicError('lab/+/temp')).toMatch(/only for subscribing/);
  });
  it('refuses empty, NUL, $ and over-long topics with the reason', () => {
    expect(topicError('')).toBe('Enter a topic: it cannot be empty.');
    expect(topicError('a\u0000b')).toMatch(/NUL/);
    expect(topicError('$SYS/broker/x')).toMatch(/belong to the broker/);
    expect(topicError('é'.repeat(40000))).toMatch(/80000 bytes long; MQTT allows at most 65535/);
  });
});

describe('filterError', () => {
  it('accepts MQTT filters', () => {
    for (const f of ['#', 'lab/#', 'lab/+/temp', '+', '$SYS/#', 'a//b']) {
      expect(filterError(f), f).toBeNull();
    }
  });
  it('refuses misplaced wildcards with what is allowed', () => {
    expect(filterError('lab/#/x')).toMatch(/'#' must be a whole level and the last one/);
    expect(filterError('lab#')).toMatch(/'#' must be a whole level/);
    expect(filterError('lab/te+mp')).toMatch(/'\+' must be a whole level/);
    expect(filterError('')).toMatch(/cannot be empty/);
  });
});

describe('matches', () => {
  it('follows MQTT matching', () => {
    expect(matches('lab/#', 'lab/a/b')).toBe(true);
    expect(matches('lab/#', 'lab')).toBe(true);
    expect(matches('lab/+/temp', 'lab/r1/temp')).toBe(true);
    expect(matches('lab/+/temp', 'lab/r1/hum')).toBe(false);
    expect(matches('lab/+', 'lab/a/b')).toBe(false);
    expect(matches('#', '$SYS/broker/uptime')).toBe(false);
    expect(matches('$SYS/#', '$SYS/broker/uptime')).toBe(true);
  });
});
