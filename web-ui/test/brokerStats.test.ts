import { describe, expect, it } from 'vitest';
import { BrokerStats, formatUptime } from '../src/lib/brokerStats';

describe('BrokerStats', () => {
  it('keeps clients, version and uptime from $SYS', () => {
    const stats = new BrokerStats();
    stats.update('$SYS/broker/version', 'HiveMQ Community Edition version 2025.5', 0);
    stats.update('$SYS/broker/uptime', '93784 seconds', 0);
    stats.update('$SYS/broker/clients/connected', '3', 1000);
    expect(stats.version).toBe('HiveMQ Community Edition version 2025.5');
    expect(stats.uptimeSeconds).toBe(93784);
    expect(stats.clients.last()).toBe(3);
  });
  it('repeats the last client count at every uptime tick, since counts come only when they change', () => {
    const stats = new BrokerStats();
    stats.update('$SYS/broker/clients/connected', '2', 1000);
    stats.update('$SYS/broker/uptime', '11 seconds', 2000);
    stats.update('$SYS/broker/uptime', '12 seconds', 3000);
    expect(stats.clients.points).toEqual([{ t: 1000, v: 2 }, { t: 2000, v: 2 }, { t: 3000, v: 2 }]);
  });
  it('turns counters into per-second rates, and skips the drop of a restart', () => {
    const stats = new BrokerStats();
    stats.update('$SYS/broker/publish/messages/received', '100', 0);
    stats.update('$SYS/broker/publish/messages/received', '150', 10_000);
    expect(stats.rates.messagesIn.last()).toBe(5);
    stats.update('$SYS/broker/publish/messages/received', '3', 20_000);
    expect(stats.rates.messagesIn.points).toHaveLength(1);
    stats.update('$SYS/broker/publish/messages/received', '23', 30_000);
    expect(stats.rates.messagesIn.last()).toBe(2);
  });
  it('keeps each bridge\'s state and counters, by the name its topics carry', () => {
    const stats = new BrokerStats();
    expect(stats.update('$SYS/broker/connection/lab-bridge/state', '1', 0)).toBe(true);
    stats.update('$SYS/broker/connection/lab-bridge/messages/sent', '42', 0);
    stats.update('$SYS/broker/connection/lab-bridge/messages/queued', '3', 0);
    stats.update('$SYS/broker/connection/other/state', '0', 0);
    expect(stats.bridges.get('lab-bridge')).toEqual({ connected: true, sent: 42, queued: 3 });
    expect(stats.bridges.get('other')).toEqual({ connected: false });
    expect(stats.update('$SYS/broker/connection/lab-bridge/messages/unknown', '1', 0)).toBe(false);
  });
  it('follows at most MAX_BRIDGES bridges, whatever clients publish', () => {
    const stats = new BrokerStats();
    for (let i = 0; i < 150; i++) stats.update(`$SYS/broker/connection/b${i}/state`, '1', 0);
    expect(stats.bridges.size).toBe(100);
  });
  it('ignores other topics and unreadable values', () => {
    const stats = new BrokerStats();
    expect(stats.update('$SYS/broker/load/messages/received/1min', '1.5', 0)).toBe(false);
    expect(stats.update('$SYS/broker/clients/connected', 'lots', 0)).toBe(false);
    expect(stats.update('lab/x', '1', 0)).toBe(false);
  });
});

describe('formatUptime', () => {
  it('reads like a person would say it', () => {
    expect(formatUptime(42)).toBe('42 s');
    expect(formatUptime(125)).toBe('2 min 5 s');
    expect(formatUptime(93784)).toBe('1 d 2 h 3 min');
  });
});
