import { Histogram, Registry } from 'prom-client';
import { RequestDurations } from '../../../src/observability/request-durations';

const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

describe('RequestDurations', () => {
  it('exports what a prom-client Histogram fed the same requests exports', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const durations = new RequestDurations('popgate_http_request_duration_seconds', 'HTTP request duration by route and status', BUCKETS, ours);
    const histogram = new Histogram({
      name: 'popgate_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: BUCKETS,
      registers: [theirs],
    });
    // Every bucket edge, values between and beyond, and a route whose label needs escaping.
    const seconds = [0, 0.0004, ...BUCKETS, ...BUCKETS.map((b) => b * 1.5), 45];
    const routes = ['/messages', '/accounts/:account/mailbox/stat', 'unmatched', 'odd"\\route\n'];
    let i = 0;
    for (const route of routes) {
      for (const status of [200, 304, 401, 499]) {
        for (const method of ['GET', 'HEAD']) {
          if (++i % 3 === 0) continue;
          for (const s of seconds.slice(i % 5)) {
            durations.observe(method, route, status, s * (1 + i / 7));
            histogram.observe({ method, route, status: String(status) }, s * (1 + i / 7));
          }
        }
      }
    }
    const text = await ours.metrics();
    expect(text).toContain('popgate_http_request_duration_seconds_count{method="GET",route="/messages",status="200"}');
    expect(text).toBe(await theirs.metrics());
  });

  it('exports nothing but its HELP and TYPE before the first request', async () => {
    const registry = new Registry();
    new RequestDurations('x_seconds', 'help', BUCKETS, registry);
    const histogram = new Histogram({ name: 'x_seconds', help: 'help', labelNames: ['method', 'route', 'status'], buckets: BUCKETS, registers: [] });
    const theirs = new Registry();
    theirs.registerMetric(histogram);
    expect(await registry.metrics()).toBe(await theirs.metrics());
  });
});
