// The smoke checks: what a user checks first on a running platform, whichever way it was started. The e2e suite runs
// them against `make run` (tests/platform.e2e.test.mjs), images/compose-test.sh against docker-compose and
// images/kube-play-test.sh against `podman kube play` of the rendered chart (both through smoke/target.test.mjs).
// Only Node's own modules and the Debian clients (mosquitto_sub, curl): no npm package is needed to run them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { background, run, until } from './platform.mjs';

/**
 * A running platform, as the smoke checks reach it.
 * @typedef {object} Target
 * @property {string} name          how it was started, for the test names ("make run", "compose", "kube play")
 * @property {string} gateway       the gateway's base URL
 * @property {string} ui            the web UI's base URL (its nginx, which passes /api/ to the gateway)
 * @property {string} metrics       sys-metrics-service's /metrics URL
 * @property {string} [health]      the broker's health base URL (…/api/v1/health); absent where it is not published
 * @property {string} [prometheus]  a Prometheus that scrapes the metrics service with the project's configuration
 * @property {{host: string, port: number, username?: string, password?: string}} mqtt  the broker's MQTT listener
 * @property {string} [apiKey]      the gateway's API key, where keys are required
 */

/** mosquitto_sub with -d, once the broker acknowledged its subscription (SUBACK); stdbuf prints each line as it comes. */
export async function mosquittoSub(mqtt, args) {
  const credentials = mqtt.username ? ['-u', mqtt.username, '-P', mqtt.password] : [];
  const sub = background('stdbuf', ['-oL', 'mosquitto_sub', '-d', '-h', mqtt.host, '-p', String(mqtt.port), ...credentials, ...args]);
  await until('mosquitto_sub SUBACK', () => sub.output().includes('received SUBACK'), 10_000);
  return sub;
}

/** The lines a client printed, trimmed. */
export function lines(text) {
  return text.split('\n').map((l) => l.trim());
}

/**
 * Registers the smoke checks. `target` is called when they run (after the suite's own `before`); `has` says, before
 * that, which optional parts the target has, so that a check is registered only where it applies (never skipped).
 * @param {() => Target} target
 * @param {{health?: boolean, prometheus?: boolean, secured?: boolean}} has
 */
export function registerSmokeTests(target, has = {}) {
  const authorization = () => (target().apiKey ? ['-H', `Authorization: Bearer ${target().apiKey}`] : []);
  const curl = (...args) => run('curl', ['-s', '-m', '10', ...args]);
  const status = (...args) => curl('-o', '/dev/null', '-w', '%{http_code}', ...args);

  test("smoke: curl -X POST --data 'Hello World' to the gateway reaches mosquitto_sub on the broker", async () => {
    const { gateway, mqtt } = target();
    const sub = await mosquittoSub(mqtt, ['-t', 'smoke/test', '-C', '1']);
    try {
      assert.equal(status(...authorization(), '-X', 'POST', '--data', 'Hello World', `${gateway}/api/v1/topics/smoke/test?qos=1`), '200');
      await until('mosquitto_sub printed the message', () => lines(sub.output()).includes('Hello World'), 10_000);
    } finally {
      sub.stop();
    }
  });

  test('smoke: the web UI serves its page and passes /api/ to the gateway (a retained message written and read through it)', () => {
    const { ui } = target();
    assert.match(curl(`${ui}/`), /<title>/);
    assert.equal(status(...authorization(), '-X', 'POST', '--data', 'via nginx', `${ui}/api/v1/topics/smoke/ui?qos=1&retain=true`), '200');
    assert.match(curl(...authorization(), `${ui}/api/v1/retained/smoke%2Fui`), /"payload":"via nginx"/);
  });

  test('smoke: the gateway lists a connected mosquitto_sub among the clients, and disconnecting it closes its connection', async () => {
    const { gateway, mqtt } = target();
    const id = `smoke-ops-${process.pid}`;
    const sub = await mosquittoSub(mqtt, ['-i', id, '-t', 'smoke/ops']);
    try {
      const listed = JSON.parse(curl(...authorization(), `${gateway}/api/v1/clients?q=${id}`));
      assert.deepEqual(listed.items.map((c) => [c.id, c.connected, c.protocol, c.keepAlive]), [[id, true, '3.1.1', 60]]);
      const answer = JSON.parse(curl(...authorization(), '-X', 'DELETE', `${gateway}/api/v1/clients/${id}`));
      assert.equal(answer.disconnected, true);
      // mosquitto_sub connects again by itself after its connection was closed: a second CONNECT
      await until('mosquitto_sub connected again', () => sub.output().split('sending CONNECT').length > 2, 10_000);
    } finally {
      sub.stop();
    }
  });

  if (has.health) test("smoke: the broker's health endpoints answer UP (a message made the round trip through it)", async () => {
    const { health } = target();
    await until('liveness UP', () => curl(`${health}/liveness`).startsWith('UP: a message went through the broker'), 30_000);
    assert.equal(status(`${health}/readiness`), '200');
  });

  test('smoke: sys-metrics-service exports mqtt_broker_up 1 (it reads the broker\'s $SYS tree)', async () => {
    await until('mqtt_broker_up 1', () => /^mqtt_broker_up 1/m.test(curl(target().metrics)), 60_000);
  });

  if (has.prometheus) test('smoke: Prometheus scrapes mqtt_broker_up == 1 and has the chart\'s alert rules', async () => {
    const { prometheus } = target();
    await until('Prometheus answers mqtt_broker_up == 1',
      () => curl(`${prometheus}/api/v1/query?query=mqtt_broker_up%20%3D%3D%201`).includes('"job":"mqtt-sys-metrics"'), 90_000);
    assert.match(curl(`${prometheus}/api/v1/rules`), /"name":"MqttBrokerDown"/);
  });

  if (has.secured) test('smoke: secured, the broker refuses a client without a password and the gateway a publish without a key', () => {
    const { gateway, mqtt } = target();
    const anonymous = spawnSync('mosquitto_sub', ['-h', mqtt.host, '-p', String(mqtt.port), '-t', '#', '-C', '1', '-W', '5'],
      { encoding: 'utf8', timeout: 20_000 });
    assert.notEqual(anonymous.status, 0);
    assert.match(anonymous.stdout + anonymous.stderr, /not authori[sz]ed/);
    assert.equal(status('-X', 'POST', '--data', 'x', `${gateway}/api/v1/topics/smoke/test`), '401');
  });
}
