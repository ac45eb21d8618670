// The broker's numbers from its $SYS tree (mosquitto's names, which this platform's broker publishes too): clients
// connected, message and byte rates computed from the cumulative counters, version and uptime.

export interface Point {
  t: number;
  v: number;
}

const MAX_POINTS = 120;

export class Series {
  readonly points: Point[] = [];

  push(t: number, v: number): void {
    this.points.push({ t, v });
    if (this.points.length > MAX_POINTS) {
      this.points.shift();
    }
  }

  last(): number | undefined {
    return this.points.at(-1)?.v;
  }
}

const PREFIX = '$SYS/broker/';
const RATE_COUNTERS: Record<string, string> = {
  'publish/messages/received': 'messagesIn',
  'publish/messages/sent': 'messagesOut',
  'bytes/received': 'bytesIn',
  'bytes/sent': 'bytesOut',
};

/** One bridge of the broker, from $SYS/broker/connection/<remote client id>/...: its state and counters. */
export interface Bridge {
  connected?: boolean;
  sent?: number;
  received?: number;
  queued?: number;
  dropped?: number;
}

const BRIDGE = /^connection\/([^/]+)\/(state|messages\/(?:sent|received|queued|dropped))$/;
/** Bridges shown at most: any client may publish a bridge's state topic (mosquitto lets bridges). */
export const MAX_BRIDGES = 100;

export class BrokerStats {
  version?: string;
  /** By the bridge's remote client id, as the topics name it. */
  readonly bridges = new Map<string, Bridge>();
  uptimeSeconds?: number;
  readonly clients = new Series();
  readonly rates: Record<string, Series> = {
    messagesIn: new Series(),
    messagesOut: new Series(),
    bytesIn: new Series(),
    bytesOut: new Series(),
  };
  private readonly previous = new Map<string, Point>();
  private connected?: number;

  /** Takes one $SYS message; returns whether it was one of the values shown. */
  update(topic: string, payload: string, atMillis: number): boolean {
    if (!topic.startsWith(PREFIX)) {
      return false;
    }
    const key = topic.slice(PREFIX.length);
    if (key === 'version') {
      this.version = payload;
      return true;
    }
    if (key === 'uptime') {
      const seconds = Number.parseInt(payload, 10);
      if (Number.isFinite(seconds)) {
        this.uptimeSeconds = seconds;
      }
      // Client counts are published only when they change; uptime comes every interval and moves the chart on.
      if (this.connected !== undefined) {
        this.clients.push(atMillis, this.connected);
      }
      return true;
    }
    const value = Number(payload);
    if (!Number.isFinite(value)) {
      return false;
    }
    const bridge = BRIDGE.exec(key);
    if (bridge) {
      return this.bridge(bridge[1], bridge[2], value);
    }
    if (key === 'clients/connected') {
      this.connected = value;
      this.clients.push(atMillis, value);
      return true;
    }
    const rate = RATE_COUNTERS[key];
    if (rate) {
      const before = this.previous.get(key);
      this.previous.set(key, { t: atMillis, v: value });
      // A counter that went down means the broker restarted: no rate across that.
      if (before && atMillis > before.t && value >= before.v) {
        this.rates[rate].push(atMillis, ((value - before.v) * 1000) / (atMillis - before.t));
      }
      return true;
    }
    return false;
  }

  private bridge(id: string, what: string, value: number): boolean {
    if (!this.bridges.has(id) && this.bridges.size >= MAX_BRIDGES) {
      return false;
    }
    const bridge = this.bridges.get(id) ?? {};
    this.bridges.set(id, bridge);
    switch (what) {
      case 'state': bridge.connected = value === 1; break;
      case 'messages/sent': bridge.sent = value; break;
      case 'messages/received': bridge.received = value; break;
      case 'messages/queued': bridge.queued = value; break;
      default: bridge.dropped = value;
    }
    return true;
  }
}

/** 93784 -> "1 d 2 h 3 min" */
export function formatUptime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d} d ${h} h ${m} min`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${seconds % 60} s`;
  return `${seconds} s`;
}
