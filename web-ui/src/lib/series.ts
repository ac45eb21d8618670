// What can be plotted of a topic: a payload that is a number, and the numeric fields of JSON payloads (dotted paths,
// e.g. "t", "sensor.pressure", "values.0"), as time series over the topic's history.

import type { TopicMessage } from './topicTree';

/** The field name of a payload that is a number by itself. */
export const VALUE = 'value';

const MAX_FIELDS = 50;

/**
 * Each message's fields, read once: a topic's page redraws its field list and plot from the whole history at every
 * frame with new messages, and a message never changes.
 */
const read = new WeakMap<object, Map<string, number>>();

/** The numeric values of one payload by field: {value: 21.5} for "21.5", {"t": 21.5, "a.b": 2} for JSON. */
export function numericFields(message: Pick<TopicMessage, 'payload' | 'encoding'>): Map<string, number> {
  let fields = read.get(message);
  if (!fields) {
    fields = parse(message);
    read.set(message, fields);
  }
  return fields;
}

function parse(message: Pick<TopicMessage, 'payload' | 'encoding'>): Map<string, number> {
  const fields = new Map<string, number>();
  if (message.encoding !== 'utf-8') return fields;
  const text = message.payload.trim();
  if (text === '') return fields;
  const number = Number(text);
  if (Number.isFinite(number)) {
    fields.set(VALUE, number);
    return fields;
  }
  if (!text.startsWith('{') && !text.startsWith('[')) return fields;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fields;
  }
  const walk = (value: unknown, path: string): void => {
    if (fields.size >= MAX_FIELDS) return;
    if (typeof value === 'number' && Number.isFinite(value)) {
      fields.set(path || VALUE, value);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        walk(child, path ? `${path}.${key}` : key);
      }
    }
  };
  walk(json, '');
  return fields;
}

/** Every numeric field seen in a topic's history, in order of first appearance. */
export function plottableFields(history: TopicMessage[]): string[] {
  const seen = new Set<string>();
  for (const message of history) {
    for (const field of numericFields(message).keys()) seen.add(field);
  }
  return [...seen];
}

export interface Points {
  /** Seconds since the epoch (uPlot's x axis). */
  times: number[];
  values: number[];
}

/** The values of one field received at or after `since` (ms since the epoch), oldest first. */
export function seriesOf(history: TopicMessage[], field: string, since = 0): Points {
  const points: Points = { times: [], values: [] };
  for (const message of history) {
    if (message.at < since) continue;
    const value = numericFields(message).get(field);
    if (value !== undefined) {
      points.times.push(message.at / 1000);
      points.values.push(value);
    }
  }
  return points;
}
