import { freePort } from '../../support/waiting';
import { basic } from '../../support/basic-auth';
import { ensureBuilt, spawnGateway, type GatewayProcess } from './gateway-process';

const DEMO = basic('demo', 'demo');

interface ReadyzBody {
  status: string;
  checks: { redis: string; upstream: string; upstreamCheckedAt: string };
}

async function readyz(gateway: GatewayProcess): Promise<{ status: number; body: ReadyzBody }> {
  const res = await fetch(`${gateway.baseUrl}/readyz`);
  return { status: res.status, body: (await res.json()) as ReadyzBody };
}

/**
 * The value of one Prometheus sample: `name` with every label in `labels` (others may exist),
 * summed over the series that match; undefined when none does.
 */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let total: number | undefined;
  for (const line of metrics.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = new Map([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present.get(key) === value)) total = (total ?? 0) + Number(match[3]);
  }
  return total;
}

describe('popgate readiness and metrics', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  describe('in demo mode', () => {
    let gateway: GatewayProcess;
    beforeAll(async () => {
      gateway = await spawnGateway();
    });
    afterAll(async () => {
      await gateway?.stop();
    });

    const get = (path: string, authorization = DEMO): Promise<Response> => fetch(gateway.baseUrl + path, { headers: { Authorization: authorization } });

    it('is ready, with Redis reported as disabled and the upstream as ok', async () => {
      const { status, body } = await readyz(gateway);
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'ok', checks: { redis: 'disabled', upstream: 'ok' } });
      expect(Number.isNaN(Date.parse(body.checks.upstreamCheckedAt))).toBe(false);
    });

    it('exports request, POP3 command, pool, cache and upstream-failure metrics after a few requests', async () => {
      const listing = (await (await get('/messages?headers=true')).json()) as { items: { id: string }[] };
      expect(listing.items.length).toBeGreaterThan(0);
      await get('/messages?headers=true'); // served from the cache this time
      const first = encodeURIComponent(listing.items[0]!.id);
      expect((await get(`/messages/${first}`)).status).toBe(200);
      expect((await get('/messages/not%20an%20id')).status).toBe(400);
      expect((await get('/messages', basic('demo', 'wrong'))).status).toBe(401);

      const res = await fetch(`${gateway.baseUrl}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const metrics = await res.text();

      const requests = (route: string, status: string): number | undefined =>
        sample(metrics, 'popgate_http_request_duration_seconds_count', { method: 'GET', route, status });
      expect(requests('/messages', '200')).toBe(2);
      expect(requests('/messages/:id', '200')).toBe(1);
      expect(requests('/messages/:id', '400')).toBe(1);
      expect(requests('/messages', '401')).toBe(1);

      const commands = (command: string, outcome: string): number | undefined =>
        sample(metrics, 'popgate_pop3_command_duration_seconds_count', { command, outcome });
      expect(commands('UIDL', 'ok')).toBeGreaterThanOrEqual(1);
      expect(commands('TOP', 'ok')).toBeGreaterThanOrEqual(listing.items.length);
      expect(commands('RETR', 'ok')).toBe(1);
      expect(sample(metrics, 'popgate_pop3_command_duration_seconds_count', { outcome: 'err' })).toBeGreaterThanOrEqual(1);

      for (const state of ['idle', 'busy', 'waiting']) {
        expect(sample(metrics, 'popgate_pool_sessions', { state })).toBeGreaterThanOrEqual(0);
      }
      expect(sample(metrics, 'popgate_pool_sessions', { state: 'idle' })).toBeGreaterThanOrEqual(1);
      expect(sample(metrics, 'popgate_pool_wait_seconds_count')).toBeGreaterThanOrEqual(1);

      expect(sample(metrics, 'popgate_cache_lookups_total', { outcome: 'miss' })).toBeGreaterThanOrEqual(1);
      expect(sample(metrics, 'popgate_cache_lookups_total', { outcome: 'hit' })).toBeGreaterThanOrEqual(1);

      expect(sample(metrics, 'popgate_upstream_errors_total', { kind: 'auth', resp_code: 'AUTH' })).toBe(1);
    });

    it('keeps user names, ids and credentials out of metric labels', async () => {
      const metrics = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
      const labelValues = [...metrics.matchAll(/="((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
      expect(labelValues).not.toContain('demo');
      expect(labelValues.some((value) => value?.includes('wrong'))).toBe(false);
      expect(labelValues.some((value) => value?.includes('not an id'))).toBe(false);
    });
  });

  describe('with the upstream unreachable', () => {
    let gateway: GatewayProcess;
    beforeAll(async () => {
      gateway = await spawnGateway({ POP3_HOST: '127.0.0.1', POP3_PORT: String(await freePort()), POP3_TIMEOUT_MS: '2000' });
    });
    afterAll(async () => {
      await gateway?.stop();
    });

    it('answers /readyz with 503 and says the upstream is unreachable', async () => {
      const { status, body } = await readyz(gateway);
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'unavailable', checks: { redis: 'disabled', upstream: 'unreachable' } });
    });

    it('still answers /healthz, and answers requests with 503 upstream_unavailable, counted as a connection failure', async () => {
      expect((await fetch(`${gateway.baseUrl}/healthz`)).status).toBe(200);
      const res = await fetch(`${gateway.baseUrl}/messages`, { headers: { Authorization: basic('alice', 'alice-secret') } });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { code: string }).code).toBe('upstream_unavailable');
      const metrics = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
      expect(sample(metrics, 'popgate_upstream_errors_total', { kind: 'connection', resp_code: 'none' })).toBeGreaterThanOrEqual(1);
    });
  });

  describe('with REDIS_URL pointing at a port where nothing listens', () => {
    let gateway: GatewayProcess;
    beforeAll(async () => {
      gateway = await spawnGateway({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    });
    afterAll(async () => {
      await gateway?.stop();
    });

    it('stays ready, reporting Redis as degraded', async () => {
      const { status, body } = await readyz(gateway);
      expect(status).toBe(200);
      expect(body.checks).toMatchObject({ redis: 'degraded', upstream: 'ok' });
    });

    it('still serves the mailbox, uncached', async () => {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${gateway.baseUrl}/messages`, { headers: { Authorization: DEMO } });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { total: number }).total).toBeGreaterThan(0);
      }
      const metrics = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
      expect(sample(metrics, 'popgate_cache_lookups_total', { outcome: 'hit' }) ?? 0).toBe(0);
    });

    it('logs the outage once, not once per reconnect attempt', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const outageLines = gateway.logs().filter((line) => line.msg?.startsWith('redis unavailable'));
      expect(outageLines).toHaveLength(1);
    });
  });
});
