// The web UI's Clients view where the broker cannot be operated: the gateway and web UI in front of Debian's
// mosquitto, which has no operations API. The gateway answers 501 and the page says what it says, instead of a table.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, newPage } from './browser.mjs';
import { OUTPUT, startOnMosquitto } from './stack.mjs';

let stack;
let browser;
let page;
const external = [];

before(async () => {
  stack = await startOnMosquitto();
  browser = await launchBrowser();
  page = await newPage(browser, stack.base, external);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

test('mosquitto: the Clients view shows the gateway\'s 501 detail in place of the table', async () => {
  await page.goto(`${stack.base}/#view=clients`);
  await page.getByRole('status').filter({ hasText: 'connected to' }).waitFor({ timeout: 15_000 });
  // auth is off: the key may do everything, operating the broker included, so the view is there
  assert.equal(await page.getByRole('tab', { name: 'Clients' }).getAttribute('aria-selected'), 'true');
  const notice = page.locator('#clients-unavailable');
  await notice.filter({ hasText: 'The broker cannot be operated from here:' }).waitFor({ timeout: 15_000 });
  assert.match(await notice.innerText(),
    new RegExp(`^The broker cannot be operated from here: the broker at ${stack.adminUrl} has no operations API .*mosquitto has none`));
  assert.equal(await page.locator('#clients-table').isVisible(), false);
  assert.equal(await page.locator('#clients-error').innerText(), '');
  await page.screenshot({ path: join(OUTPUT, 'clients-mosquitto.png'), fullPage: true });
});

test('mosquitto: a topic\'s "Show subscribers" says the same', async () => {
  await page.goto(`${stack.base}/#view=topic&topic=lab%2Fx`);
  await page.getByRole('button', { name: 'Show subscribers' }).click();
  await page.locator('#topic-subscribers-unavailable').filter({ hasText: /has no operations API/ }).waitFor({ timeout: 10_000 });
  assert.equal(await page.getByRole('list', { name: 'Clients a message on this topic reaches' }).isVisible(), false);
  assert.deepEqual(external, []);
});
