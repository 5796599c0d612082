/**
 * The floor for cached listings: a bare `node:http` handler that sends fixed bytes with fixed
 * headers — the page and the headers popgate served for it (ETag, request id, nosniff, Vary…)
 * — and does nothing else: no routing, no auth, no per-request work. What answering from
 * memory costs when only node's HTTP machinery is paid. Run as a child process by the bench
 * (`BODY_FILE=<page.json> HEADERS_FILE=<headers.json> PORT=<port> node dist/bench/bare-node.js`).
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';

export function createBareNodeServer(body: Buffer, headers: Record<string, string>): http.Server {
  const fixed = { ...headers, 'content-length': String(body.length) };
  return http.createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    res.writeHead(200, fixed).end(body);
  });
}

if (require.main === module) {
  const body = readFileSync(process.env.BODY_FILE ?? '');
  const headers = JSON.parse(readFileSync(process.env.HEADERS_FILE ?? '', 'utf8')) as Record<string, string>;
  const server = createBareNodeServer(body, headers).listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
