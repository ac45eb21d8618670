// The real stack for the UI's browser tests, started as `make run` starts it but on free loopback ports: the broker
// (mqtt-broker.jar), the gateway (its packaged Quarkus app) and Debian's nginx with web-ui/nginx.conf serving dist/.
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { freePort, until } from '../../e2e/lib/wait.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const OUTPUT = resolve(import.meta.dirname, '..', 'test-output');

/** The API key the test gateway accepts (auth is on, as in the Helm chart): everything but $ topics to write. */
export const API_KEY = 'e2e-key-7f3a9c';
/** A key that may read and write only lab/#. */
export const LAB_KEY = 'e2e-lab-only-51c2';
/** Retained messages one read returns (the gateway's default is 1000): the 10,000-topic test reads them all. */
export const RETAINED_MAX_MESSAGES = 20_000;

export async function startStack() {
  mkdirSync(OUTPUT, { recursive: true });
  const ports = { mqtt: await freePort(), ws: await freePort(), health: await freePort(), gateway: await freePort(), ui: await freePort() };
  const processes = [];
  const start = (name, command, args, env) => {
    const log = join(OUTPUT, `${name}.log`);
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')] });
    processes.push(child);
    return log;
  };
  // A stack that does not come up is stopped here: the caller gets no handle to stop it with.
  let gateway;
  let base;
  let startGateway;
  try {
    const brokerLog = start('broker', 'java', ['-Xmx256m', '-jar', 'broker/embedded/target/mqtt-broker.jar'], {
      MQTT_BIND_ADDRESS: '127.0.0.1', MQTT_PORT: String(ports.mqtt), MQTT_WS_PORT: String(ports.ws), SYS_INTERVAL: '1',
      HEALTH_PORT: String(ports.health), HEALTH_BIND_ADDRESS: '127.0.0.1',
      BROKER_DATA_DIR: mkdtempSync(join(tmpdir(), 'web-ui-e2e-broker-')),
    });
    await until('the broker', () => readFileSync(brokerLog, 'utf8').includes('MQTT broker ready'), 60_000);
    const keys = join(OUTPUT, 'gateway-keys.json');
    const sha256 = (key) => createHash('sha256').update(key).digest('hex');
    writeFileSync(keys, JSON.stringify({ keys: [
      { id: 'e2e', sha256: sha256(API_KEY), publish: ['#'], subscribe: ['#', '$SYS/#'] },
      { id: 'lab-only', sha256: sha256(LAB_KEY), publish: ['lab/#'], subscribe: ['lab/#'] }] }));
    startGateway = async () => {
      const log = start('gateway', 'java', ['-Xmx256m', '-jar', 'gateway-service/target/quarkus-app/quarkus-run.jar'], {
        GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(ports.gateway), GATEWAY_BROKER_HOST: '127.0.0.1',
        GATEWAY_BROKER_PORT: String(ports.mqtt), GATEWAY_PUBLISH_MAX_PAYLOAD_BYTES: '1000',
        GATEWAY_AUTH_ENABLED: 'true', GATEWAY_AUTH_KEYS_FILE: keys,
        GATEWAY_RETAINED_MAX_MESSAGES: String(RETAINED_MAX_MESSAGES), GATEWAY_RETAINED_MAX_WAIT: '20s',
      });
      gateway = processes.at(-1);
      await until('the gateway', () => readFileSync(log, 'utf8').includes('Connected to the broker'), 60_000);
    };
    await startGateway();
    start('nginx', 'scripts/web-ui-nginx.sh', [], {
      WEB_UI_PORT: String(ports.ui), WEB_UI_GATEWAY_URL: `http://127.0.0.1:${ports.gateway}`,
      WEB_UI_NGINX_DIR: join(OUTPUT, 'nginx'),
    });
    base = `http://127.0.0.1:${ports.ui}`;
    await until('nginx', async () => (await fetch(base).catch(() => undefined))?.ok === true, 20_000);
  } catch (error) {
    processes.reverse().forEach((p) => p.kill('SIGTERM'));
    throw error;
  }
  return {
    base,
    ports,
    stop: () => processes.reverse().forEach((p) => p.kill('SIGTERM')),
    /** Stops the gateway and starts it again on the same port, as a redeploy looks to the browser. */
    restartGateway: async () => {
      const exited = new Promise((r) => gateway.once('exit', r));
      gateway.kill('SIGTERM');
      await exited;
      await startGateway();
    },
    /** mosquitto_pub against the stack's broker (`{ retain: true }` for a retained message). */
    publish: (topic, message, { retain = false } = {}) => execFileSync('mosquitto_pub',
      ['-h', '127.0.0.1', '-p', String(ports.mqtt), '-q', '1', '-t', topic, '-m', message, ...(retain ? ['-r'] : [])]),
    /** mosquitto_sub for one message, at most `seconds`: its payload, or '' when none came (e.g. nothing retained). */
    receiveOne: (topic, seconds) => {
      try {
        return execFileSync('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(ports.mqtt), '-t', topic, '-C', '1', '-W', String(seconds)],
          { encoding: 'utf8' }).trim();
      } catch (error) {
        if (error.status === 27) return ''; // mosquitto_sub's exit code for -W timing out
        throw error;
      }
    },
    /** Python paho (MQTT 3.1) publishing one retained message to each topic, then waiting for the last to be acknowledged. */
    publishRetainedMany: (topics, payload) => execFileSync('/usr/bin/python3', ['-c', `
import sys, paho.mqtt.client as mqtt
c = mqtt.Client(protocol=mqtt.MQTTv31)
c.connect("127.0.0.1", int(sys.argv[1]))
c.loop_start()
topics = sys.stdin.read().split()
for t in topics[:-1]:
    c.publish(t, sys.argv[2], qos=0, retain=True)
c.publish(topics[-1], sys.argv[2], qos=1, retain=True).wait_for_publish(60)
c.loop_stop()
c.disconnect()
`, String(ports.mqtt), payload], { input: topics.join('\n'), timeout: 120_000 }),
  };
}
