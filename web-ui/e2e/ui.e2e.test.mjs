// The web UI in Debian's Chromium (driven by playwright-core) against the real broker, gateway and nginx: what a
// user sees in each view. Screenshots of every view go to test-output/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { API_KEY, OUTPUT, startStack } from './stack.mjs';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let stack;
let browser;
let page;
const external = [];

before(async () => {
  stack = await startStack();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  page.on('request', (request) => {
    if (!request.url().startsWith(stack.base) && !request.url().startsWith(stack.base.replace('http', 'ws'))) {
      external.push(request.url());
    }
  });
  await page.goto(stack.base);
});

after(async () => {
  await browser?.close();
  stack?.stop();
});

test('API key: without one the page says it cannot connect; with it, it connects', async () => {
  await page.getByRole('status').filter({ hasText: 'cannot connect (gateway down, or API key refused)' })
    .waitFor({ timeout: 15_000 });
  await page.getByLabel('API key').fill(API_KEY);
  await page.getByRole('button', { name: 'Use key' }).click();
  await page.getByRole('status').filter({ hasText: 'connected to' }).waitFor({ timeout: 15_000 });
});

test('Live: a message published with mosquitto_pub to lab/# appears, JSON pretty-printed', async () => {
  await page.getByLabel('Topic filter').fill('lab/#');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  // Active once the gateway confirmed it, i.e. the broker has the subscription.
  await page.locator('#live-filters li[data-state="active"]').filter({ hasText: 'lab/#' }).waitFor();
  stack.publish('lab/room1/temp', '{"t":21.5,"unit":"C"}');
  const message = page.locator('.message').filter({ hasText: 'lab/room1/temp' });
  await message.waitFor({ timeout: 10_000 });
  assert.match(await message.locator('.payload').innerText(), /"t": 21\.5,\n\s+"unit": "C"/);
  assert.match(await message.locator('.meta').innerText(), /QoS 1/);
  await page.screenshot({ path: join(OUTPUT, 'live.png'), fullPage: true });
});

test('Live: an invalid filter shows what is wrong and subscribes nothing', async () => {
  await page.getByLabel('Topic filter').fill('lab/#/x');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  assert.match(await page.locator('#subscribe-error').innerText(), /'#' must be a whole level and the last one/);
  assert.equal(await page.getByRole('list', { name: 'Subscribed filters' }).locator('li').count(), 1);
});

test('Topics: the tree shows the topic with its count and last value', async () => {
  stack.publish('lab/room2/hum', '40');
  await page.locator('.message').filter({ hasText: 'lab/room2/hum' }).waitFor({ timeout: 10_000 });
  await page.getByRole('tab', { name: 'Topics' }).click();
  await page.locator('#topic-tree summary').filter({ hasText: 'lab' }).first().click();
  const tree = page.locator('#topic-tree');
  await tree.getByText('room1').first().waitFor();
  assert.match(await page.locator('#topic-count').innerText(), /2 topics, 2 messages/);
  await page.locator('#topic-tree summary').filter({ hasText: 'room2' }).click();
  assert.match(await tree.innerText(), /hum\s+1 msg\s+= 40/);
  await page.screenshot({ path: join(OUTPUT, 'topics.png'), fullPage: true });
});

test('Publish: the form publishes, and a real MQTT subscriber receives it', async () => {
  const subscriber = subscribeOnce('ui/out');
  await subscriber.ready;
  await page.getByRole('tab', { name: 'Publish' }).click();
  await page.getByLabel('Topic', { exact: true }).fill('ui/out');
  await page.getByLabel('Payload').fill('hello from the UI');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.locator('#publish-result.ok').waitFor({ timeout: 10_000 });
  assert.match(await page.locator('#publish-result').innerText(), /Published to ui\/out: acknowledged by the broker/);
  assert.equal(await subscriber.message, 'hello from the UI');
  await page.screenshot({ path: join(OUTPUT, 'publish.png'), fullPage: true });
});

/**
 * A Python paho subscriber (the client our users run): says when the broker acknowledged its subscription, then
 * resolves with the first message's payload.
 */
function subscribeOnce(topic) {
  const script = `
import sys, paho.mqtt.client as mqtt
c = mqtt.Client()
c.on_connect = lambda c, u, f, rc: c.subscribe(sys.argv[2], 1)
c.on_subscribe = lambda c, u, mid, q: print("subscribed", flush=True)
def on_message(c, u, m):
    print("message " + m.payload.decode(), flush=True)
    c.disconnect()
c.on_message = on_message
c.connect("127.0.0.1", int(sys.argv[1]))
c.loop_forever()
`;
  const child = spawn('/usr/bin/python3', ['-c', script, String(stack.ports.mqtt), topic]);
  const timer = setTimeout(() => child.kill(), 20_000);
  let output = '';
  let markReady;
  let failReady;
  const ready = new Promise((resolve, reject) => { markReady = resolve; failReady = reject; });
  const message = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('subscribed\n')) markReady();
      const m = output.match(/message (.*)\n/);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => {
      clearTimeout(timer);
      const ended = new Error(`the paho subscriber ended: ${output}`);
      failReady(ended);
      reject(ended);
    });
  });
  message.catch(() => {});
  return { ready, message };
}

test('Publish: wildcards and empty topics are refused before sending; the gateway refusal is shown as it says', async () => {
  await page.getByLabel('Topic', { exact: true }).fill('lab/#');
  await page.getByRole('button', { name: 'Publish' }).click();
  assert.match(await page.locator('#publish-error').innerText(), /Wildcards \(\+ and #\) are only for subscribing/);
  assert.equal(await page.getByLabel('Topic', { exact: true }).getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Topic', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Publish' }).click();
  assert.match(await page.locator('#publish-error').innerText(), /Enter a topic: it cannot be empty/);
  await page.screenshot({ path: join(OUTPUT, 'publish-invalid.png'), fullPage: true });

  await page.getByLabel('Topic', { exact: true }).fill('ui/big');
  await page.getByLabel('Payload').fill('x'.repeat(2000)); // the test gateway allows 1000 bytes
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.locator('#publish-result.error').waitFor({ timeout: 10_000 });
  assert.match(await page.locator('#publish-result').innerText(), /The gateway refused \(413\):.*1000/);
});

test('Broker: version, uptime and a non-zero client count from $SYS, with charts', async () => {
  await page.getByRole('tab', { name: 'Broker' }).click();
  await page.waitForFunction(() => Number(document.getElementById('broker-clients')?.textContent) > 0, null, { timeout: 15_000 });
  // The version comes with the retained read of $SYS/broker/#, which may finish after the first live update.
  await page.locator('#broker-version').filter({ hasText: 'HiveMQ' }).waitFor({ timeout: 15_000 });
  assert.match(await page.locator('#broker-version').innerText(), /HiveMQ Community Edition version \d/);
  assert.notEqual(await page.locator('#broker-uptime').innerText(), '–');
  await page.waitForFunction(() => document.querySelectorAll('#chart-messages path').length > 0, null, { timeout: 15_000 });
  assert.match(await page.locator('#chart-clients svg').getAttribute('aria-label'), /Clients connected: connected [1-9]/);
  await page.screenshot({ path: join(OUTPUT, 'broker.png'), fullPage: true });
});

test('Reconnects by itself: the gateway restarts, the page says so, subscribes again and shows new messages', async () => {
  await page.getByRole('tab', { name: 'Live' }).click();
  const restarted = stack.restartGateway();
  await page.getByRole('status').filter({ hasText: /connection lost|cannot connect/ }).waitFor({ timeout: 15_000 });
  await restarted;
  await page.getByRole('status').filter({ hasText: 'connected to' }).waitFor({ timeout: 40_000 });
  await page.locator('#live-filters li[data-state="active"]').filter({ hasText: 'lab/#' }).waitFor({ timeout: 10_000 });
  stack.publish('lab/after/restart', 'back');
  await page.locator('.message').filter({ hasText: 'lab/after/restart' }).waitFor({ timeout: 10_000 });
});

test('Narrow screen and keyboard: the tabs are reachable with the keyboard; nothing outside the origin is requested', async () => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByRole('tab', { name: 'Broker' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('tab', { name: 'Live' }).getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-live');
  await page.screenshot({ path: join(OUTPUT, 'live-narrow.png'), fullPage: true });
  assert.deepEqual(external, []);
});
