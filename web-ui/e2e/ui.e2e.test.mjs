// The web UI in Debian's Chromium (driven by playwright-core) against the real broker, gateway and nginx: what a
// user sees in each view. Screenshots of every view go to test-output/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { OUTPUT, startStack } from './stack.mjs';

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
  await page.getByRole('status').filter({ hasText: 'connected to' }).waitFor({ timeout: 15_000 });
});

after(async () => {
  await browser?.close();
  stack?.stop();
});

test('Live: a message published with mosquitto_pub to lab/# appears, JSON pretty-printed', async () => {
  await page.getByLabel('Topic filter').fill('lab/#');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await page.getByRole('list', { name: 'Subscribed filters' }).getByText('lab/#').waitFor();
  await new Promise((r) => setTimeout(r, 500)); // the subscription reaches the broker through the gateway
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
  const subscriber = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(stack.ports.mqtt), '-t', 'ui/out', '-C', '1', '-W', '15']);
  let received = '';
  subscriber.stdout.on('data', (chunk) => { received += chunk; });
  const exited = new Promise((r) => subscriber.on('exit', r));
  await new Promise((r) => setTimeout(r, 500)); // mosquitto_sub connected and subscribed
  await page.getByRole('tab', { name: 'Publish' }).click();
  await page.getByLabel('Topic', { exact: true }).fill('ui/out');
  await page.getByLabel('Payload').fill('hello from the UI');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.locator('#publish-result.ok').waitFor({ timeout: 10_000 });
  assert.match(await page.locator('#publish-result').innerText(), /Published to ui\/out: acknowledged by the broker/);
  assert.equal(await exited, 0);
  assert.equal(received.trim(), 'hello from the UI');
  await page.screenshot({ path: join(OUTPUT, 'publish.png'), fullPage: true });
});

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
  assert.match(await page.locator('#broker-version').innerText(), /HiveMQ/);
  assert.notEqual(await page.locator('#broker-uptime').innerText(), '–');
  await page.waitForFunction(() => document.querySelectorAll('#chart-messages path').length > 0, null, { timeout: 15_000 });
  assert.match(await page.locator('#chart-clients svg').getAttribute('aria-label'), /Clients connected: connected [1-9]/);
  await page.screenshot({ path: join(OUTPUT, 'broker.png'), fullPage: true });
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
