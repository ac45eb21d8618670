// The whole platform as users use it: started by scripts/run.sh (what `make run` runs), then used with the clients
// our users have: Python paho pinned to MQTT 3.1, mosquitto_pub/mosquitto_sub, curl, a browser, Prometheus.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { background, OUTPUT, ROOT, run, startPlatform, until } from '../lib/platform.mjs';
import { lines, mosquittoSub, registerSmokeTests } from '../lib/smoke.mjs';
import { freePorts } from '../lib/wait.mjs';

let platform;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  platform = await startPlatform();
  console.log(`make run: all components healthy ${platform.startedInMs} ms after start`);
});

after(async () => {
  await platform?.stop();
});

/** mosquitto_sub -d against the platform's broker, once its subscription is acknowledged. */
function subscriber(args) {
  return mosquittoSub({ host: '127.0.0.1', port: platform.ports.mqtt }, args);
}

// The checks that compose and kube play run too (lib/smoke.mjs), here against `make run`.
registerSmokeTests(() => ({
  gateway: platform.gateway,
  ui: platform.ui,
  metrics: `${platform.metrics}/metrics`,
  health: `http://127.0.0.1:${platform.ports.health}/api/v1/health`,
  mqtt: { host: '127.0.0.1', port: platform.ports.mqtt },
}), { health: true });

test('Python paho with protocol=MQTTv31, subscribed to $SYS/#, receives the $SYS tree', () => {
  const script = `
import sys, time
import paho.mqtt.client as mqtt
seen = {}
client = mqtt.Client(client_id="e2e-paho-mqttv31", protocol=mqtt.MQTTv31)
client.on_connect = lambda c, u, f, rc: c.subscribe("$SYS/#")
client.on_message = lambda c, u, m: seen.__setitem__(m.topic, m.payload.decode())
client.connect("127.0.0.1", int(sys.argv[1]))
client.loop_start()
time.sleep(3)
client.loop_stop()
for topic in sorted(seen):
    print(topic, seen[topic])
`;
  const output = run('/usr/bin/python3', ['-c', script, String(platform.ports.mqtt)]);
  assert.match(output, /^\$SYS\/broker\/version HiveMQ Community Edition version /m);
  assert.match(output, /^\$SYS\/broker\/uptime \d+ seconds$/m);
  assert.match(output, /^\$SYS\/broker\/clients\/connected [1-9]\d*$/m);
  assert.match(output, /^\$SYS\/broker\/load\/messages\/received\/1min \d+\.\d\d$/m);
  const brokerLog = readFileSync(join(OUTPUT, 'run', 'logs', 'broker.log'), 'utf8');
  assert.match(brokerLog, /New client connected from 127\.0\.0\.1 as e2e-paho-mqttv31 \(p1, c1, k60\)\./);
});

test('mosquitto_pub to lab/a reaches a WebSocket client of the gateway and an SSE curl', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${platform.ports.gateway}/api/v1/ws`);
  const frames = [];
  ws.onmessage = (event) => frames.push(JSON.parse(event.data));
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
  ws.send(JSON.stringify({ type: 'subscribe', filters: ['lab/#'] }));
  const sse = background('curl', ['-s', '-N', `${platform.gateway}/api/v1/stream?filter=lab/%23`]);
  try {
    await until('WebSocket subscribed', () => frames.some((f) => f.type === 'subscribed'), 10_000);
    await until('SSE subscribed', () => sse.output().includes('event:subscribed'), 10_000);
    run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(platform.ports.mqtt), '-q', '1', '-t', 'lab/a', '-m', 'from mosquitto_pub']);
    await until('the WebSocket frame', () => frames.some((f) => f.type === 'message' && f.topic === 'lab/a'), 10_000);
    const frame = frames.find((f) => f.type === 'message');
    assert.equal(frame.payload, 'from mosquitto_pub');
    assert.equal(frame.qos, 1);
    await until('the SSE event', () => sse.output().includes('"payload":"from mosquitto_pub"'), 10_000);
    assert.match(sse.output(), /event:message\ndata:\{"type":"message","topic":"lab\/a"/);
  } finally {
    ws.close();
    sse.stop();
  }
});

test("the chart's `helm test` script, with BusyBox's wget as in its image, publishes through the gateway and reads the message back over MQTT", () => {
  // The pod of helm/mqtt-platform/templates/tests runs exactly this file; here against `make run`'s platform.
  const bin = join(OUTPUT, 'busybox-bin');
  mkdirSync(bin, { recursive: true });
  if (!existsSync(join(bin, 'wget'))) symlinkSync('/bin/busybox', join(bin, 'wget'));
  const output = execFileSync('sh', [join(ROOT, 'helm/mqtt-platform/files/publish-roundtrip.sh')], {
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      GATEWAY_URL: platform.gateway,
      BROKER_HOST: '127.0.0.1',
      BROKER_PORT: String(platform.ports.mqtt),
      TOPIC: 'helm-test/e2e',
    },
  });
  assert.match(output, /^received 'roundtrip \d+' from 127\.0\.0\.1:\d+$/m);
  assert.match(output, /^OK: the message published through the gateway came back over MQTT$/m);
  // -W 2: mosquitto_sub gives up (non-zero) after 2 s without a message; a retained one would come at once.
  const retained = spawnSync('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(platform.ports.mqtt), '-t', 'helm-test/e2e', '-C', '1', '-W', '2'],
    { encoding: 'utf8', timeout: 10_000 });
  assert.equal(retained.stdout, '', 'the script removes its retained message');
});

test("Debian's prometheus with the project's scrape config finds mqtt_broker_clients_connected > 0", async () => {
  const dir = join(OUTPUT, 'prometheus');
  mkdirSync(dir, { recursive: true });
  const config = readFileSync(join(ROOT, 'monitoring/prometheus/prometheus.yml'), 'utf8')
    .replace('sys-metrics-service:8081', `127.0.0.1:${platform.ports.metrics}`)
    .replace('gateway-service:8080', `127.0.0.1:${platform.ports.gateway}`)
    .replace('/etc/prometheus/rules/*.yml', join(ROOT, 'helm/mqtt-platform/rules/*.yml'));
  writeFileSync(join(dir, 'prometheus.yml'), config);
  // A port nothing listens on (the UI's port + 1 was once taken by another process: Prometheus exited at once), and
  // Prometheus's own log beside its config, for when it does not answer.
  const [port] = await freePorts(1);
  const log = openSync(join(dir, 'prometheus.log'), 'w');
  const prometheus = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: ['ignore', log, log] });
  closeSync(log); // Prometheus has its own copy
  const query = async (promql) => {
    const answer = await (await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(promql)}`)).json();
    return answer.data.result;
  };
  try {
    await until('Prometheus to scrape both jobs', async () =>
      (await query('mqtt_broker_clients_connected > 0')).length === 1 && (await query('up{job="mqtt-gateway"} == 1')).length === 1,
    60_000);
    const [connected] = await query('mqtt_broker_clients_connected');
    assert.ok(Number(connected.value[1]) > 0);
    assert.equal(connected.metric.job, 'mqtt-sys-metrics');
  } finally {
    prometheus.kill('SIGTERM');
  }
});

test('the web UI in Chromium shows a message sent with mosquitto_pub', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox',
    '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync'] });
  try {
    const page = await browser.newPage();
    await page.goto(platform.ui);
    await page.getByRole('status').filter({ hasText: 'connected to' }).waitFor({ timeout: 15_000 });
    await page.getByRole('tab', { name: 'Live' }).click(); // the page opens on the overview
    await page.getByLabel('Topic filter').fill('lab/#');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.locator('#live-filters li[data-state="active"]').waitFor({ timeout: 10_000 });
    run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(platform.ports.mqtt), '-t', 'lab/ui', '-m', '{"from":"mosquitto_pub"}']);
    const message = page.locator('.message').filter({ hasText: 'lab/ui' });
    await message.waitFor({ timeout: 10_000 });
    assert.match(await message.innerText(), /"from": "mosquitto_pub"/);
    await page.screenshot({ path: join(OUTPUT, 'web-ui-live.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});

test('broker killed and started again: retained messages stay, gateway and metrics recover, no acknowledged QoS 1 message is lost', async () => {
  const gw = platform.gateway;
  const post = async (topic, body, query = 'qos=1') => {
    try {
      return (await fetch(`${gw}/api/v1/topics/${topic}?${query}`, { method: 'POST', body })).status;
    } catch {
      return 0;
    }
  };
  assert.equal(await post('e2e/retained', 'kept', 'qos=1&retain=true'), 200);
  // A persistent session (clean session off) that is offline while messages arrive: they are queued for it.
  const durable = await subscriber(['-c', '-i', 'e2e-durable', '-q', '1', '-t', 'e2e/durable/#']);
  durable.stop();
  await new Promise((r) => durable.child.once('exit', r));

  const accepted = [];
  let n = 0;
  const publishing = (async () => {
    for (const end = Date.now() + 15_000; Date.now() < end;) {
      const payload = `m${n++}`;
      if (await post(`e2e/durable/${payload}`, payload) === 200) accepted.push(payload);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await until('some messages accepted before the kill', () => accepted.length >= 20, 10_000);
  process.kill(platform.pid('broker'), 'SIGKILL');
  await publishing;
  await until('make run to start the broker again', () => /broker stopped by itself; starting it again/.test(platform.log()), 20_000);
  await until('the gateway ready again', async () => (await fetch(`${gw}/q/health/ready`)).status === 200, 60_000);
  assert.equal(await post('e2e/after', 'after the restart'), 200);
  await until('the metrics service up again', async () =>
    /^mqtt_broker_up 1/m.test(await (await fetch(`${platform.metrics}/metrics`)).text()), 60_000);

  const retained = await (await fetch(`${gw}/api/v1/retained/e2e/retained`)).json();
  assert.deepEqual(retained.messages.map((m) => [m.topic, m.payload]), [['e2e/retained', 'kept']]);

  const back = await subscriber(['-c', '-i', 'e2e-durable', '-q', '1', '-t', 'e2e/durable/#', '-v']);
  await until(`all ${accepted.length} acknowledged messages delivered`, () => {
    const received = new Set(lines(back.output()).filter((l) => l.startsWith('e2e/durable/')).map((l) => l.split(' ')[1]));
    return accepted.every((p) => received.has(p));
  }, 30_000).finally(() => back.stop());
  console.log(`kill test: ${accepted.length} of ${n} publishes answered 200 around the kill; all delivered after the restart`);
});

/** mosquitto_sub connects, reads the retained $SYS/broker/version and leaves: the time a new client waits, in ms. */
function newClientMs() {
  const began = Date.now();
  const result = spawnSync('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(platform.ports.mqtt), '-t', '$SYS/broker/version',
    '-C', '1', '-W', '5'], { timeout: 8_000 });
  return result.status === 0 ? Date.now() - began : Infinity;
}

test('a flood of 4 QoS 0 publishers for 8 s (HiveMQ Java client): new clients are answered within 5 s during and after it, the broker stays up, gateway and metrics are ready again', async () => {
  const brokerPid = platform.pid('broker');
  const logBefore = platform.log().length;
  // The benchmark's own flood (bench/broker-load.sh): 4 publishers as fast as they can for 8 s, one subscriber, and a
  // new client connecting every second during the flood and for 10 s after it.
  const output = run('java', ['-cp', join(ROOT, 'bench', 'target', 'bench.jar'), 'io.mqttplatform.bench.BrokerLoadBench',
    String(platform.ports.mqtt), String(brokerPid), 'e2e', 'flood'], 120_000);
  const line = output.split('\n').find((l) => l.startsWith('RESULT '));
  assert.ok(line, output);
  const result = Object.fromEntries(line.split(' ').slice(1).map((kv) => kv.split('=')));
  console.log(`flood test: ${output.split('\n').find((l) => l.includes('flood-q0') && !l.startsWith('RESULT'))}`);
  assert.equal(result.alive, 'true');
  assert.equal(result.new_client_failures, '0', line);
  assert.ok(Number(result.new_client_max_ms_during) < 5_000, line);
  assert.ok(Number(result.new_client_max_ms_after) < 5_000, line);
  assert.ok(Number(result.delivered_per_s) > 0, line);
  await until('the gateway ready again', async () => (await fetch(`${platform.gateway}/q/health/ready`)).status === 200, 30_000);
  await until('the metrics service up again', async () =>
    /^mqtt_broker_up 1/m.test(await (await fetch(`${platform.metrics}/metrics`)).text()), 30_000);
  assert.equal(platform.pid('broker'), brokerPid, 'the broker was not restarted: it never fell over');
  assert.doesNotMatch(platform.log().slice(logBefore), /broker (stopped by itself|did not serve MQTT|liveness check failed)/);
});

test('a broker hung with SIGSTOP: make run sees its liveness fail, kills it, starts it again, and MQTT is served within 60 s', async () => {
  const hung = platform.pid('broker');
  const stoppedAt = Date.now();
  process.kill(hung, 'SIGSTOP');
  try {
    await until('make run to replace the hung broker', () => /broker did not serve MQTT for \d+ liveness checks in a row/.test(platform.log()), 50_000);
  } finally {
    try { process.kill(hung, 'SIGCONT'); } catch { /* killed, as expected */ }
  }
  await until('MQTT served by the new broker', () => newClientMs() < 5_000, 60_000 - (Date.now() - stoppedAt));
  const servedAfterMs = Date.now() - stoppedAt;
  assert.notEqual(platform.pid('broker'), hung);
  assert.ok(servedAfterMs < 60_000, `served again ${servedAfterMs} ms after SIGSTOP`);
  assert.match(platform.log(), /broker liveness check failed \(1 of 3\): /);
  console.log(`hang test: MQTT served again ${servedAfterMs} ms after the broker was stopped with SIGSTOP`);
  await until('the gateway ready again', async () => (await fetch(`${platform.gateway}/q/health/ready`)).status === 200, 60_000);
  const echo = await subscriber(['-t', 'e2e/after-hang', '-C', '1']);
  run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(platform.ports.mqtt), '-t', 'e2e/after-hang', '-m', 'served']);
  await until('the message after the hang', () => echo.output().includes('served'), 10_000);
});
