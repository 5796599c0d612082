import { Router } from 'express';
import type { Logger } from 'pino';

/** What `/readyz` reports: ready or not, and each dependency's state. */
export interface ReadinessAnswer {
  ok: boolean;
  checks: Record<string, unknown>;
}

/**
 * `GET /healthz`: 200 while the process can answer at all (liveness).
 * `GET /readyz`: 200 when every dependency the gateway needs is usable, else 503, with
 * each check's state either way (readiness; a load balancer stops sending traffic on 503).
 * Neither needs credentials, and neither is ever cached.
 */
export function healthRoutes(readiness: () => Promise<ReadinessAnswer>, logger?: Logger): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    let result: ReadinessAnswer;
    try {
      result = await readiness();
    } catch (err) {
      logger?.error({ err }, 'readiness check failed');
      result = { ok: false, checks: { readiness: 'failed' } };
    }
    res
      .status(result.ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: result.ok ? 'ok' : 'unavailable', checks: result.checks });
  });
  return router;
}
