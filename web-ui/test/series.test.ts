import { describe, expect, it } from 'vitest';
import { numericFields, plottableFields, seriesOf } from '../src/lib/series';
import type { TopicMessage } from '../src/lib/topicTree';

const m = (payload: string, at: number, encoding: 'utf-8' | 'base64' = 'utf-8'): TopicMessage =>
  ({ payload, encoding, qos: 0, at, retained: false });

describe('numericFields', () => {
  it('reads a payload that is a number as the field "value"', () => {
    expect([...numericFields(m(' 21.5 ', 0))]).toEqual([['value', 21.5]]);
    expect([...numericFields(m('-3e2', 0))]).toEqual([['value', -300]]);
  });
  it('reads the numeric leaves of JSON by dotted path, ignoring strings, booleans and null', () => {
    const fields = numericFields(m('{"t": 21.5, "unit": "C", "ok": true, "n": null, "p": {"hPa": 1013}, "v": [1, 2]}', 0));
    expect([...fields]).toEqual([['t', 21.5], ['p.hPa', 1013], ['v.0', 1], ['v.1', 2]]);
  });
  it('finds nothing in text, empty, broken JSON or binary payloads', () => {
    for (const payload of ['hello', '', '{"t": 1', 'NaN', 'Infinity']) {
      expect(numericFields(m(payload, 0)).size).toBe(0);
    }
    expect(numericFields(m('MTIz', 0, 'base64')).size).toBe(0);
  });
});

describe('series', () => {
  const history = [m('{"t": 20, "h": 40}', 1000), m('{"t": 21}', 2000), m('oops', 3000), m('{"t": 22.5, "h": 41}', 4000)];
  it('lists every field seen, in order of appearance', () => {
    expect(plottableFields(history)).toEqual(['t', 'h']);
  });
  it('gives one field over time, in seconds, from a start time on', () => {
    expect(seriesOf(history, 't')).toEqual({ times: [1, 2, 4], values: [20, 21, 22.5] });
    expect(seriesOf(history, 'h', 2000)).toEqual({ times: [4], values: [41] });
  });
});
