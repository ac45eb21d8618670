// MQTT topic and filter rules, checked before anything is sent so that the user sees what is wrong and what is
// allowed. The gateway checks the same rules again and answers with a problem document if it disagrees.

const MAX_TOPIC_BYTES = 65535;

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function commonError(kind: 'topic' | 'filter', value: string): string | null {
  if (value.length === 0) {
    return `Enter a ${kind}: it cannot be empty.`;
  }
  if (value.includes('\u0000')) {
    return `The ${kind} contains a NUL character, which MQTT does not allow.`;
  }
  if (byteLength(value) > MAX_TOPIC_BYTES) {
    return `The ${kind} is ${byteLength(value)} bytes long; MQTT allows at most ${MAX_TOPIC_BYTES}.`;
  }
  return null;
}

/** Why this topic cannot be published to, or null when it can. */
export function topicError(topic: string): string | null {
  const common = commonError('topic', topic);
  if (common) {
    return common;
  }
  if (topic.includes('+') || topic.includes('#')) {
    return 'Wildcards (+ and #) are only for subscribing: a message is published to one exact topic, such as lab/room1/temp.';
  }
  if (topic.startsWith('$')) {
    return 'Topics starting with $ (such as $SYS) belong to the broker and cannot be published to.';
  }
  return null;
}

/** Why this subscription filter is invalid, or null when it is valid. */
export function filterError(filter: string): string | null {
  const common = commonError('filter', filter);
  if (common) {
    return common;
  }
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return "'#' must be a whole level and the last one, as in lab/#.";
    }
    if (level.includes('+') && level !== '+') {
      return "'+' must be a whole level, as in lab/+/temp.";
    }
  }
  return null;
}

/** Whether a topic matches a filter, as the broker decides it (a leading wildcard never matches $ topics). */
export function matches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) {
    return false;
  }
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') {
      return true;
    }
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) {
      return false;
    }
  }
  return f.length === t.length;
}
