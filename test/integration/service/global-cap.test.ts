/**
 * POOL_MAX_TOTAL at the server: many mailboxes cycling through a small pool, each new one
 * evicting another's idle session. Dovecot's own count of logged-in sessions must never pass
 * the cap: a slot is free only once the evicted session's QUIT completed. On loopback a QUIT
 * takes well under a millisecond, shorter than the count can see, so the gateway talks to
 * Dovecot's plain port through a proxy that holds each QUIT back for QUIT_DELAY_MS: a slot
 * freed when QUIT is sent (not answered) shows as sessions over the cap.
 */
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { gatewayFor } from '../../support/gateway';
import { watchSessionPeak } from '../../support/session-peak';
import type { GatewayResources } from '../../../src/gateway-resources';

const MAILBOXES = 30;
const CAP = 5;
const QUIT_DELAY_MS = 100;
const users = Array.from({ length: MAILBOXES }, (_, i) => ({ name: `user${i}`, password: `secret-${i}` }));

/** A TCP proxy to `port` that forwards client bytes at once, except a line starting `QUIT`, which it holds back. */
async function quitDelayingProxy(port: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk: Buffer) => {
      if (chunk.subarray(0, 4).toString('latin1').toUpperCase() === 'QUIT') setTimeout(() => upstream.write(chunk), QUIT_DELAY_MS);
      else upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('close', () => setTimeout(() => upstream.destroy(), QUIT_DELAY_MS * 2));
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('POOL_MAX_TOTAL against Dovecot', () => {
  let dovecot: DovecotServer;
  let gw: GatewayResources | undefined;
  let proxy: Awaited<ReturnType<typeof quitDelayingProxy>> | undefined;

  beforeAll(async () => {
    dovecot = await startDovecot({ users });
    proxy = await quitDelayingProxy(dovecot.pop3Port);
  });
  afterAll(async () => {
    await gw?.close();
    await proxy?.close();
    await dovecot?.close();
  });

  it(`keeps ${MAILBOXES} mailboxes cycling through a pool of ${CAP} at or under ${CAP} sessions at the server`, async () => {
    gw = gatewayFor(dovecot, {
      pool: { maxTotal: CAP, maxPerMailbox: 1 },
      upstream: { port: proxy!.port, tls: 'none', allowPlaintext: true, ca: undefined },
    });
    const service = gw.service;
    const watch = watchSessionPeak(dovecot, undefined, 5);
    // Three rounds; in each, every mailbox asks at once, so the pool evicts and logs in all the time.
    const results: PromiseSettledResult<unknown>[] = [];
    for (let round = 0; round < 3; round++) {
      results.push(
        ...(await Promise.allSettled(users.map((u) => service.capabilities({ credentials: { user: u.name, password: u.password } })))),
      );
    }
    const peak = await watch.stop();
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(CAP);
  });
});
