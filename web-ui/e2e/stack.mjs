// The real stack for the UI's browser tests, started by `make run`'s own script (scripts/run.sh, through
// e2e/lib/platform.mjs) with only the broker, the gateway and the web UI (Debian's nginx with web-ui/nginx.conf serving
// dist/), on free loopback ports, with API keys on and the broker's operations API behind a token as in the Helm
// chart; and the gateway and web UI in front of Debian's mosquitto, which has no operations API.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { startPlatform, until } from '../../e2e/lib/platform.mjs';
import { freePorts } from '../../e2e/lib/wait.mjs';

export const OUTPUT = resolve(import.meta.dirname, '..', 'test-output');

/** The API key the test gateway accepts (auth is on, as in the Helm chart): everything but $ topics to write, admin. */
export const API_KEY = 'e2e-key-7f3a9c';
/** A key that may read and write only lab/#, and not operate the broker. */
export const LAB_KEY = 'e2e-lab-only-51c2';
/** Retained messages one read returns (the gateway's default is 1000): the 10,000-topic test reads them all. */
export const RETAINED_MAX_MESSAGES = 20_000;

/** The broker's operations API token (BROKER_ADMIN_TOKEN), which the gateway is given too. */
const ADMIN_TOKEN = 'e2e-broker-admin-0c41';

/** The bridge's name in $SYS and in the overview (its remote client id). */
export const BRIDGE = 'ui-bridge';

function writeBridge(mqttPort) {
  const file = join(OUTPUT, 'bridges.conf');
  writeFileSync(file, ['connection loop', `address 127.0.0.1:${mqttPort}`, `remote_clientid ${BRIDGE}`,
    'topic bridged/# out 0 "" mirrored/', ''].join('\n'));
  return file;
}

export async function startStack() {
  mkdirSync(OUTPUT, { recursive: true });
  const keys = join(OUTPUT, 'gateway-keys.json');
  const sha256 = (key) => createHash('sha256').update(key).digest('hex');
  writeFileSync(keys, JSON.stringify({ keys: [
    { id: 'e2e', sha256: sha256(API_KEY), publish: ['#'], subscribe: ['#', '$SYS/#'], admin: true },
    { id: 'lab-only', sha256: sha256(LAB_KEY), publish: ['lab/#'], subscribe: ['lab/#'], admin: false }] }));
  const platform = await startPlatform({
    output: OUTPUT,
    components: ['broker', 'gateway', 'web-ui'],
    env: (ports) => ({
      // a bridge from the broker to itself (bridged/# goes out as mirrored/bridged/#), for the overview's bridges
      BRIDGE_CONFIG: writeBridge(ports.mqtt),
      MQTT_BIND_ADDRESS: '127.0.0.1', HEALTH_BIND_ADDRESS: '127.0.0.1', BROKER_JAVA_OPTS: '-Xmx256m -XX:+ExitOnOutOfMemoryError',
      GATEWAY_HOST: '127.0.0.1', GATEWAY_BROKER_HOST: '127.0.0.1', GATEWAY_PUBLISH_MAX_PAYLOAD_BYTES: '1000',
      GATEWAY_AUTH_ENABLED: 'true', GATEWAY_AUTH_KEYS_FILE: keys,
      GATEWAY_RETAINED_MAX_MESSAGES: String(RETAINED_MAX_MESSAGES), GATEWAY_RETAINED_MAX_WAIT: '20s',
      BROKER_ADMIN_TOKEN: ADMIN_TOKEN, GATEWAY_BROKER_ADMIN_TOKEN: ADMIN_TOKEN,
    }),
  });
  const { ports } = platform;
  const connections = () => platform.componentLog('gateway').split('Connected to the broker').length - 1;
  return {
    base: platform.ui,
    ports,
    stop: platform.stop,
    /** Stops the gateway; `make run` starts it again on the same port, as a redeploy looks to the browser. */
    restartGateway: async () => {
      const before = connections();
      process.kill(platform.pid('gateway'), 'SIGTERM');
      await until('the gateway to be started again and connected', () => connections() > before, 90_000);
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

/**
 * Debian's mosquitto as the broker, with the gateway (auth off) and the web UI in front of it: mosquitto has no
 * operations API, so the gateway's admin URL leads to mosquitto's HTTP listener (its WebSocket port), which answers
 * 404 there, as a gateway pointed at a mosquitto broker sees it.
 */
export async function startOnMosquitto() {
  const output = join(OUTPUT, 'mosquitto');
  mkdirSync(output, { recursive: true });
  const [mqtt, http] = await freePorts(2);
  const config = join(output, 'mosquitto.conf');
  mkdirSync(join(output, 'http'), { recursive: true });
  writeFileSync(config, [`listener ${mqtt} 127.0.0.1`, 'allow_anonymous true', `listener ${http} 127.0.0.1`,
    'protocol websockets', `http_dir ${join(output, 'http')}`, ''].join('\n'));
  const mosquitto = spawn('mosquitto', ['-c', config], { stdio: ['ignore', 'ignore', openSync(join(output, 'mosquitto.log'), 'w')] });
  await until('mosquitto to listen', () => isListening(mqtt), 10_000);
  const platform = await startPlatform({
    output,
    components: ['gateway', 'web-ui'],
    env: {
      GATEWAY_HOST: '127.0.0.1', GATEWAY_BROKER_HOST: '127.0.0.1', GATEWAY_BROKER_PORT: String(mqtt),
      GATEWAY_BROKER_ADMIN_URL: `http://127.0.0.1:${http}`,
    },
  });
  return {
    base: platform.ui,
    adminUrl: `http://127.0.0.1:${http}`,
    stop: async () => {
      await platform.stop();
      mosquitto.kill('SIGTERM');
    },
  };
}

function isListening(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}
