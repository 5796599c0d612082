/**
 * A webhook receiver on a free loopback port: records every POST (headers, raw body, arrival
 * time) and answers as the test says — a status and headers per request, or no answer at all
 * (`hang`), to stand for a slow or dying receiver.
 *
 * ```ts
 * const receiver = await startReceiver((r) => (r.attemptOf(r.id) === 1 ? { status: 500 } : { status: 200 }));
 * ```
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedDelivery {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Date.now() when the body had arrived. */
  at: number;
  /** The webhook-id header. */
  id: string;
  /** How many deliveries of this webhook-id came so far, this one included. */
  seen: number;
}

export type ReceiverAnswer = { status: number; headers?: Record<string, string> } | 'hang';

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedDelivery[];
  /** The deliveries of one event id, in arrival order. */
  of(eventId: string): ReceivedDelivery[];
  /** Checks a delivery with the Standard Webhooks reference verifier; returns the parsed body. @throws when it does not verify */
  verify(delivery: ReceivedDelivery, secret: string): unknown;
  /** Answers every hanging request with this status (or cuts it). */
  release(status?: number): void;
  close(): Promise<void>;
}

export async function startReceiver(answer: (delivery: ReceivedDelivery) => ReceiverAnswer = () => ({ status: 200 })): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const id = String(req.headers['webhook-id'] ?? '');
      const delivery: ReceivedDelivery = {
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
        id,
        seen: received.filter((d) => d.id === id).length + 1,
      };
      received.push(delivery);
      const reply = answer(delivery);
      if (reply === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      res.writeHead(reply.status, reply.headers).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    of: (eventId) => received.filter((d) => d.id === eventId),
    verify: (delivery, secret) =>
      new Webhook(secret).verify(delivery.body, {
        'webhook-id': String(delivery.headers['webhook-id']),
        'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
        'webhook-signature': String(delivery.headers['webhook-signature']),
      }),
    release: (status) => {
      for (const res of hanging) {
        if (status === undefined) res.destroy();
        else res.writeHead(status).end();
      }
      hanging.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
