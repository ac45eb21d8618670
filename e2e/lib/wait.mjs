// Helpers shared by the end-to-end suites (e2e/ and web-ui/e2e/): free loopback ports, and waiting for a condition.
import { createServer } from 'node:net';

/**
 * Distinct loopback ports that nothing listens on now: all are held open until the last is found, since ports asked
 * for one by one may come back twice (the system may hand out a port again as soon as it is closed).
 */
export async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      servers.push(await new Promise((ok, fail) => {
        const server = createServer();
        server.once('error', fail);
        server.listen(0, '127.0.0.1', () => ok(server));
      }));
    }
    return servers.map((server) => server.address().port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((r) => server.close(r))));
  }
}

/** Checks every 100 ms until the check returns true; fails with the last error after the timeout. */
export async function until(what, check, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
