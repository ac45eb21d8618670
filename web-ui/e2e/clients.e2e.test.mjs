// Operating the broker from the web UI (issue 27), in Debian's Chromium against the real broker, gateway and nginx:
// real MQTT clients (mosquitto_sub in MQTT 5, 3.1.1 and 3.1, and a Python paho client with a session) are connected,
// and the Clients view, a client's page, Disconnect and a topic's subscribers show what a user sees of them.
// Screenshots go to test-output/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { background, until } from '../../e2e/lib/platform.mjs';
import { answerNextDialog, launchBrowser, newPage as openPage, useKey } from './browser.mjs';
import { API_KEY, LAB_KEY, OUTPUT, startStack } from './stack.mjs';

let stack;
let browser;
let page;
const external = [];
const clients = [];

/** mosquitto_sub against the stack's broker, its debug output line-buffered (what it saw of its connection). */
function mosquittoSub(id, topic, ...options) {
  const client = background('stdbuf', ['-oL', 'mosquitto_sub', '-d', '-h', '127.0.0.1', '-p', String(stack.ports.mqtt),
    '-i', id, '-t', topic, ...options]);
  clients.push(client);
  return client;
}

/**
 * A Python paho client (MQTT 3.1.1) with a session kept across connections (clean_session False), subscribed to
 * `topic` at QoS 1; it says "disconnected" and exits when the broker closes its connection, rather than coming back.
 */
function pahoWithSession(id, topic) {
  const client = background('/usr/bin/python3', ['-u', '-c', `
import sys, paho.mqtt.client as mqtt
c = mqtt.Client(client_id=sys.argv[2], clean_session=False)
c.on_connect = lambda c, u, f, rc: c.subscribe(sys.argv[3], 1)
c.on_subscribe = lambda c, u, mid, q: print("subscribed", flush=True)
def gone(c, u, rc):
    print("disconnected", rc, flush=True)
    c.disconnect()
c.on_disconnect = gone
c.connect("127.0.0.1", int(sys.argv[1]), keepalive=45)
c.loop_forever()
`, String(stack.ports.mqtt), id, topic]);
  clients.push(client);
  return client;
}

const exited = (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
/** The ids in the Clients table, top to bottom. */
const shownIds = (p) => p.locator('#clients-table tbody tr[data-client]').evaluateAll((rows) => rows.map((r) => r.dataset.client));
/** The text of one fact on a client's page (State, Protocol, ...). */
const fact = (p, name) => p.locator(`#client-facts [data-fact="${name}"] dd`).innerText();

let sensor2;
let paho;

before(async () => {
  stack = await startStack();
  sensor2 = mosquittoSub('ops-sensor-2', 'lab/ops/temp', '-V', '5', '-u', 'lab-user', '-q', '1');
  mosquittoSub('ops-sensor-10', 'lab/ops/#', '-V', '311', '-k', '30');
  mosquittoSub('ops-logger', 'office/#', '-V', '31', '-u', 'office-user');
  paho = pahoWithSession('ops-paho', 'lab/ops/temp');
  await until('the clients to be subscribed', () => sensor2.output().includes('received SUBACK')
    && paho.output().includes('subscribed'), 15_000);
  browser = await launchBrowser();
  page = await openPage(browser, stack.base, external);
  await page.goto(stack.base);
  await useKey(page, API_KEY);
});

after(async () => {
  clients.forEach((c) => c.stop());
  await browser?.close();
  await stack?.stop();
});

test('Clients: an admin key sees the view, listing the connected clients with protocol, user, keep-alive and the counts', async () => {
  await page.getByRole('tab', { name: 'Clients' }).click();
  assert.match(page.url(), /#view=clients/);
  const row = (id) => page.locator(`#clients-table tbody tr[data-client="${id}"]`);
  await row('ops-paho').waitFor({ timeout: 15_000 });
  assert.match(await row('ops-sensor-2').innerText(), /^ops-sensor-2\s+connected\s+\S.*\s+127\.0\.0\.1\S*\s+MQTT 5\s+lab-user\s+60 s\s+yes$/);
  assert.match(await row('ops-sensor-10').innerText(), /\s+MQTT 3\.1\.1\s+–\s+30 s\s+yes$/);
  assert.match(await row('ops-logger').innerText(), /\s+MQTT 3\.1\s+office-user\s+60 s\s+yes$/);
  assert.match(await row('ops-paho').innerText(), /\s+MQTT 3\.1\.1\s+–\s+45 s\s+no$/);
  const counts = await page.locator('#clients-counts').innerText();
  const [, connected, disconnected] = counts.match(/^(\d+) connected · (\d+) disconnected · (\d+) in all$/) ?? [];
  assert.ok(Number(connected) >= 4, counts);
  assert.equal(Number(disconnected), 0, counts);
  await page.screenshot({ path: join(OUTPUT, 'clients.png'), fullPage: true });
});

test('Clients: the list stays live: a client that connects later appears without a reload', async () => {
  mosquittoSub('ops-late', 'lab/late');
  await page.locator('#clients-table tbody tr[data-client="ops-late"]').waitFor({ timeout: 15_000 });
});

test('Clients: the filter narrows the list by id and by user name, and the address keeps it', async () => {
  await page.getByLabel('Filter clients').fill('ops-sensor');
  await until('the list filtered', async () => (await shownIds(page)).join() === 'ops-sensor-2,ops-sensor-10', 10_000);
  assert.match(await page.locator('#clients-counts').innerText(), /· 2 matching "ops-sensor"$/);
  assert.match(page.url(), /clientq=ops-sensor/);
  await page.getByLabel('Filter clients').fill('office-user');
  await until('the list filtered by user', async () => (await shownIds(page)).join() === 'ops-logger', 10_000);
  await page.getByLabel('Filter clients').fill('no-such-client');
  await page.locator('#clients-table tbody').filter({ hasText: 'No client matches "no-such-client".' }).waitFor({ timeout: 10_000 });
  await page.getByLabel('Filter clients').fill('ops-sensor');
  await until('the list filtered again', async () => (await shownIds(page)).length === 2, 10_000);
});

test('Clients: a click on a column header sorts by it, a second click the other way; the address keeps it', async () => {
  const header = (name) => page.getByRole('columnheader', { name, exact: true });
  assert.equal(await header('Client id').getAttribute('aria-sort'), 'ascending');
  await page.getByRole('button', { name: 'Client id', exact: true }).click();
  assert.deepEqual(await shownIds(page), ['ops-sensor-10', 'ops-sensor-2']);
  assert.equal(await header('Client id').getAttribute('aria-sort'), 'descending');
  assert.match(page.url(), /sort=-id/);
  await page.getByRole('button', { name: 'Keep-alive', exact: true }).click();
  assert.deepEqual(await shownIds(page), ['ops-sensor-10', 'ops-sensor-2'], '30 s before 60 s');
  await page.getByRole('button', { name: 'Keep-alive', exact: true }).click();
  assert.deepEqual(await shownIds(page), ['ops-sensor-2', 'ops-sensor-10']);
  assert.match(page.url(), /sort=-keepAlive/);
  await page.waitForTimeout(6000); // a refresh of the list keeps the order
  assert.deepEqual(await shownIds(page), ['ops-sensor-2', 'ops-sensor-10']);
});

test('Clients: a shared link opened in a new tab shows the same filtered, sorted list', async () => {
  const link = page.url();
  const p = await openPage(browser, stack.base, external);
  await p.goto(stack.base);
  await useKey(p, API_KEY);
  await p.goto(link); // a fresh load with the key in the tab's session
  await p.locator('#clients-table tbody tr[data-client]').first().waitFor({ timeout: 15_000 });
  assert.equal(await p.getByRole('tab', { name: 'Clients' }).getAttribute('aria-selected'), 'true');
  assert.equal(await p.getByLabel('Filter clients').inputValue(), 'ops-sensor');
  assert.deepEqual(await shownIds(p), ['ops-sensor-2', 'ops-sensor-10']);
  await p.close();
  await page.bringToFront(); // a page in the background draws nothing (no animation frames) and runs its timers late
});

test('Client page: an id opens it with its connection, session and subscription; its link can be shared', async () => {
  await page.getByLabel('Filter clients').fill('ops-paho');
  await page.locator('#clients-table a[data-client="ops-paho"]').click();
  assert.match(page.url(), /client=ops-paho/);
  assert.equal(await page.locator('#client-title').innerText(), 'ops-paho');
  await page.locator('#client-subscriptions tbody tr[data-filter="lab/ops/temp"]').waitFor({ timeout: 10_000 });
  assert.deepEqual(await page.locator('#client-subscriptions tbody tr td').allInnerTexts(), ['lab/ops/temp', '1', 'no', 'no']);
  assert.equal(await fact(page, 'State'), 'connected');
  assert.equal(await fact(page, 'Protocol'), 'MQTT 3.1.1');
  assert.equal(await fact(page, 'Clean start'), 'no');
  assert.equal(await fact(page, 'Keep-alive'), '45 s');
  assert.match(await fact(page, 'Connected at'), /\(\d+ s ago\)|\(\d+ min \d+ s ago\)/);
  assert.equal(await fact(page, 'Queued messages'), '0');
  await page.screenshot({ path: join(OUTPUT, 'client.png'), fullPage: true });

  const p = await openPage(browser, stack.base, external);
  await p.goto(stack.base);
  await useKey(p, API_KEY);
  await p.goto(page.url());
  await p.locator('#client-subscriptions tbody tr[data-filter="lab/ops/temp"]').waitFor({ timeout: 15_000 });
  assert.equal(await p.locator('#client-title').innerText(), 'ops-paho');
  await p.close();
  await page.bringToFront();
});

test('Disconnect: cancelled, nothing happens; confirmed, the client\'s connection is closed and its session stays', async () => {
  void answerNextDialog(page, { accept: false });
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.waitForTimeout(1000);
  assert.equal(await page.locator('#client-result').innerText(), '');
  assert.ok(!paho.output().includes('disconnected'), 'still connected');

  const asked = answerNextDialog(page);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.locator('#client-result').filter({ hasText: 'ops-paho is disconnected; its session stays on the broker.' })
    .waitFor({ timeout: 10_000 });
  assert.match(await asked, /^Disconnect ops-paho\? Its session stays/);
  await exited(paho.child); // the paho client saw its connection closed
  assert.match(paho.output(), /disconnected/);
  await until('the page to say disconnected', async () => (await fact(page, 'State')) === 'disconnected', 10_000);
  assert.deepEqual(await page.locator('#client-subscriptions tbody tr td').allInnerTexts(), ['lab/ops/temp', '1', 'no', 'no']);

  // Published while it is away: queued for its session.
  stack.publish('lab/ops/temp', '21.5');
  await until('the message queued', async () => (await fact(page, 'Queued messages')) === '1', 15_000);
  await page.screenshot({ path: join(OUTPUT, 'client-disconnected.png'), fullPage: true });

  // Not connected any more: the broker says why there is nothing to disconnect, and the page says what it says.
  void answerNextDialog(page);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.locator('#client-result.error').filter({ hasText: /^The gateway refused \(404\): .*is not connected; its session stays until it expires/ })
    .waitFor({ timeout: 10_000 });

  await page.getByRole('link', { name: 'All clients' }).click();
  const row = page.locator('#clients-table tbody tr[data-client="ops-paho"]');
  await until('the list to say disconnected', async () => /^ops-paho\s+disconnected/.test(await row.innerText()), 10_000);
  await page.getByLabel('Filter clients').fill('');
  await until('the counts to count it disconnected', async () =>
    /· [1-9]\d* disconnected ·/.test(await page.locator('#clients-counts').innerText()), 15_000);
});

test('Disconnect with "also remove its session": the session is gone, and so is the client from the list', async () => {
  await page.getByLabel('Filter clients').fill('ops-paho');
  await page.locator('#clients-table a[data-client="ops-paho"]').click();
  await page.locator('#client-facts').waitFor();
  await page.getByLabel('also remove its session').check();
  const asked = answerNextDialog(page);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.locator('#client-result:not(:empty)').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('#client-result').innerText(),
    'ops-paho is disconnected, and its session (subscriptions and queued messages) is removed.');
  assert.match(await asked, /^Disconnect ops-paho and remove its session\?/);
  await page.locator('#client-unavailable').filter({ hasText: 'The broker has no client ops-paho: it is neither connected nor holds a session.' })
    .waitFor({ timeout: 10_000 });
  await page.getByRole('tab', { name: 'Clients' }).click();
  await page.locator('#clients-table tbody').filter({ hasText: 'No client matches "ops-paho".' }).waitFor({ timeout: 10_000 });
});

test('Topic page: "Show subscribers" lists the clients a message on the topic reaches, linking to their pages', async () => {
  await page.goto(`${stack.base}/#view=topic&topic=lab%2Fops%2Ftemp`);
  await page.getByRole('button', { name: 'Show subscribers' }).click();
  const list = page.getByRole('list', { name: 'Clients a message on this topic reaches' });
  await list.locator('li[data-client="ops-sensor-10"]').waitFor({ timeout: 10_000 });
  const ids = await list.locator('li').evaluateAll((items) => items.map((i) => i.dataset.client));
  assert.deepEqual(ids.filter((id) => id.startsWith('ops-')), ['ops-sensor-2', 'ops-sensor-10'], 'not ops-paho: its session is removed');
  assert.match(await list.locator('li[data-client="ops-sensor-10"]').innerText(), /lab\/ops\/# \(QoS 0\)/);
  assert.match(await page.locator('#topic-subscribers-count').innerText(), /clients receive messages on lab\/ops\/temp/);
  await page.screenshot({ path: join(OUTPUT, 'topic-subscribers.png'), fullPage: true });
  await list.getByRole('link', { name: 'ops-sensor-10' }).click();
  assert.match(page.url(), /view=clients&.*client=ops-sensor-10/);
  await page.locator('#client-subscriptions tbody tr[data-filter="lab/ops/#"]').waitFor({ timeout: 10_000 });
});

test('Disconnect: an MQTT 5 mosquitto_sub is told "administrative action" and exits; its session ends, and it leaves the list', async () => {
  await page.getByRole('tab', { name: 'Clients' }).click();
  await page.getByLabel('Filter clients').fill('ops-sensor-2');
  await page.locator('#clients-table a[data-client="ops-sensor-2"]').click();
  await page.locator('#client-subscriptions tbody tr[data-filter="lab/ops/temp"]').waitFor({ timeout: 10_000 });
  assert.equal(await fact(page, 'Session expiry'), 'ends with the connection');
  void answerNextDialog(page);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.locator('#client-result').filter({ hasText: 'ops-sensor-2 is disconnected; its session stays on the broker.' })
    .waitFor({ timeout: 10_000 });
  assert.equal(await exited(sensor2.child), 0);
  assert.match(sensor2.output(), /Received DISCONNECT \(152\)/, 'reason code 0x98, administrative action');
  await page.locator('#client-unavailable').filter({ hasText: 'The broker has no client ops-sensor-2' }).waitFor({ timeout: 10_000 });
  await page.getByRole('tab', { name: 'Clients' }).click();
  await until('the list without it', async () => {
    const shown = await page.locator('#clients-table tbody').innerText();
    if (shown !== 'No client matches "ops-sensor-2".') {
      throw new Error(`the list shows ${shown}; filter ${await page.getByLabel('Filter clients').inputValue()}, error ${await page.locator('#clients-error').innerText()}, counts ${await page.locator('#clients-counts').innerText()}, ${page.url()}`);
    }
    return true;
  }, 15_000);
});

test('Clients: more than a page (100): Next page and Previous page go through them', async () => {
  // 120 sessions kept by clients gone away (MQTT 3.1.1, clean_session False): disconnected, not forgotten
  execFileSync('/usr/bin/python3', ['-c', `
import sys, threading, paho.mqtt.client as mqtt
for i in range(120):
    c = mqtt.Client(client_id="bulk-%03d" % i, clean_session=False)
    connected = threading.Event()
    c.on_connect = lambda c, u, f, rc: connected.set()
    c.connect("127.0.0.1", int(sys.argv[1]))
    c.loop_start()
    connected.wait(10)
    c.disconnect()
    c.loop_stop()
`, String(stack.ports.mqtt)], { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Clients' }).click();
  await page.getByLabel('Filter clients').fill('bulk-');
  await page.locator('#clients-counts').filter({ hasText: '· 120 matching "bulk-"' }).waitFor({ timeout: 15_000 });
  assert.match(await page.locator('#clients-counts').innerText(), /· (1[2-9]\d|[2-9]\d\d) disconnected ·/);
  assert.equal((await shownIds(page)).length, 100);
  assert.equal(await page.getByRole('button', { name: 'Previous page' }).isDisabled(), true);
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.locator('#clients-page').filter({ hasText: 'page 2' }).waitFor();
  await until('the second page', async () => (await shownIds(page)).length === 20, 10_000);
  assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true);
  const second = await shownIds(page);
  assert.ok(second.every((id) => /^bulk-1[01]\d$/.test(id)), `the last 20 by id: ${second}`);
  await page.getByRole('button', { name: 'Previous page' }).click();
  await until('the first page again', async () => (await shownIds(page)).length === 100, 10_000);
  assert.equal(await page.locator('#clients-page').innerText(), 'page 1');
});

test('A key without admin sees no Clients view, no subscribers, and a shared Clients link says why', async () => {
  const p = await openPage(browser, stack.base, external);
  await p.goto(stack.base);
  await useKey(p, LAB_KEY);
  await p.locator('#topic-notice').filter({ hasText: 'Topics this key may read: lab/#' }).waitFor({ timeout: 15_000 });
  assert.equal(await p.getByRole('tab', { name: 'Clients' }).count(), 0, 'no Clients tab');
  await p.goto(`${stack.base}/#view=topic&topic=lab%2Fops%2Ftemp`);
  await p.locator('#topic-title').filter({ hasText: 'lab/ops/temp' }).waitFor();
  await p.locator('#topic-notice').filter({ hasText: 'Topics this key may read' }).waitFor({ state: 'attached', timeout: 15_000 });
  assert.equal(await p.getByRole('button', { name: 'Show subscribers' }).count(), 0);
  await p.goto(`${stack.base}/#view=clients&clientq=ops`);
  await p.locator('#clients-unavailable').filter({ hasText: 'This API key may not operate the broker' }).waitFor({ timeout: 15_000 });
  assert.equal(await p.locator('#clients-table').isVisible(), false);
  await p.close();
  assert.deepEqual(external, []);
});
