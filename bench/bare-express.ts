/**
 * The baseline for cached listings: a bare express 5 app whose one route sends fixed bytes,
 * the same page JSON popgate serves. Express defaults, no auth, no validation, no metrics:
 * what the route would cost if popgate added nothing. Run as a child process by the bench
 * (`BODY_FILE=<page.json> PORT=<port> node dist/bench/bare-express.js`).
 */
import { readFileSync } from 'node:fs';
import express from 'express';

export function createBareApp(body: Buffer): express.Express {
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/messages', (_req, res) => {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    res.end(body);
  });
  return app;
}

if (require.main === module) {
  const body = readFileSync(process.env.BODY_FILE ?? '');
  const server = createBareApp(body).listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
