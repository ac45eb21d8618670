// Debian's Chromium driven by playwright-core, as the web UI's browser tests use it: pages that record every request
// outside the page's origin, and the API key entered in the header as a user does.
import { chromium } from 'playwright-core';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/** A new tab on `base`'s origin; requests anywhere else are pushed to `external`. */
export async function newPage(browser, base, external) {
  const p = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  p.on('request', (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith(base.replace('http', 'ws'))) {
      external.push(request.url());
    }
  });
  return p;
}

/** Sets the API key in the header of a page and waits until the page is connected. */
export async function useKey(p, key) {
  await p.getByLabel('API key').fill(key);
  await p.getByRole('button', { name: 'Use key' }).click();
  await p.getByRole('status').filter({ hasText: 'connected to' }).waitFor({ timeout: 15_000 });
}

/** Answers the page's next dialog (window.confirm): accepts it, or with `{ accept: false }` cancels; resolves with what it asked. */
export function answerNextDialog(p, { accept = true } = {}) {
  return new Promise((resolve) => p.once('dialog', (dialog) => {
    resolve(dialog.message());
    void (accept ? dialog.accept() : dialog.dismiss());
  }));
}
