import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchClients, GatewayError } from '../src/lib/gateway';

/** The gateway answering every request with this status and body (fetch is the edge that cannot be real here). */
function gatewayAnswers(status: number, body: unknown, contentType = 'application/problem+json') {
  const requests: { url: string; init?: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    requests.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
  });
  return requests;
}

afterEach(() => vi.unstubAllGlobals());

describe('the operations calls', () => {
  it('ask with the key, the filter and the cursor, and read the list', async () => {
    const requests = gatewayAnswers(200, { items: [], cursor: null, total: 0, connected: 2, disconnected: 1 }, 'application/json');
    const list = await fetchClients({ q: 'lab', cursor: 'c2', limit: 100 }, 'k');
    expect(list).toMatchObject({ connected: 2, disconnected: 1 });
    expect(requests[0].url).toBe('/api/v1/clients?limit=100&q=lab&cursor=c2');
    expect(requests[0].init?.headers).toEqual({ Authorization: 'Bearer k' });
  });
  it('keep the detail of a 501 (a broker without an operations API) to show as the gateway says it', async () => {
    gatewayAnswers(501, { status: 501, title: 'Not Implemented', detail: 'GATEWAY_BROKER_ADMIN_URL is not set' });
    const error = await fetchClients({ q: '', cursor: null, limit: 100 }, '').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 501, detail: 'GATEWAY_BROKER_ADMIN_URL is not set',
      message: 'The gateway refused (501): Not Implemented: GATEWAY_BROKER_ADMIN_URL is not set' });
  });
  it('say the status line when the answer is not a problem document', async () => {
    gatewayAnswers(502, '<html>bad gateway</html>', 'text/html');
    await expect(fetchClients({ q: '', cursor: null, limit: 100 }, '')).rejects.toThrow('The gateway refused (502): 502');
  });
});
