/**
 * The floor for SSE fan-out: a bare `node:http` server that tails the Redis stream of the
 * event log with blocking XREADs and writes each entry, as an SSE frame, to every open
 * response — no auth, no filters, no resume, no heartbeat, no slow-client care. What the
 * fan-out costs when only Redis, node's HTTP machinery and the sockets are paid. Run as a child
 * process by the bench (`REDIS_URL=… STREAM_KEY=… PORT=<port> node dist/bench/bare-sse.js`).
 */
import * as http from 'node:http';
import { Redis } from 'ioredis';

export function createBareSseServer(redisUrl: string, key: string): { server: http.Server; stop(): void } {
  const open = new Set<http.ServerResponse>();
  const reader = new Redis(redisUrl);
  let running = true;
  // From the newest entry at start, then from each last id read: with `$` on every call, an
  // entry appended between two reads would be missed.
  const start = reader.xrevrange(key, '+', '-', 'COUNT', 1).catch(() => []);
  const server = http.createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    // No headers before the start is read: a client that has its 200 hears every entry
    // appended after it (an entry appended before the start was read would be taken for old).
    void start.then(() => {
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      res.flushHeaders();
      open.add(res);
      res.once('close', () => open.delete(res));
    });
  });
  void (async () => {
    const newest = await start;
    let last = newest[0]?.[0] ?? '0-0';
    while (running) {
      const reply = await reader.xread('BLOCK', 1000, 'STREAMS', key, last).catch(() => null);
      for (const [id, fields] of reply?.[0]?.[1] ?? []) {
        last = id;
        const frame = Buffer.from(`id: ${id}\nevent: message.received\ndata: ${fields[1] ?? ''}\n\n`);
        for (const res of open) res.write(frame);
      }
    }
  })();
  return {
    server,
    stop: () => {
      running = false;
      reader.disconnect();
    },
  };
}

if (require.main === module) {
  const { server, stop } = createBareSseServer(process.env.REDIS_URL ?? '', process.env.STREAM_KEY ?? '');
  server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
  process.once('SIGTERM', () => {
    stop();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
