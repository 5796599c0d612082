import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import request from 'supertest';
import { MessageTooLargeError, Pop3ProtocolError } from '../../../src/pop3/errors';
import { appWithFake, DEMO_AUTH } from './app-harness';

/** Serves the app on a loopback port for tests that need to watch the raw connection. */
async function listening(app: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** GETs a path and collects what arrives until the response ends or the connection is cut. */
function fetchRaw(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Authorization: DEMO_AUTH } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), complete: res.complete }));
    });
    req.on('error', reject);
  });
}

describe('streamed bodies', () => {
  test('a stream that fails before its first byte is answered with problem+json', async () => {
    const { app, service } = appWithFake();
    service.rawStream = () =>
      new Readable({
        read() {
          this.destroy(new Pop3ProtocolError('connection closed before the terminator'));
        },
      });
    const res = await request(app).get('/messages/uid-1/raw').set('Authorization', DEMO_AUTH).expect(502);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers.etag).toBeUndefined();
    expect(res.body.code).toBe('upstream_protocol_error');
  });

  test.each([
    ['the upstream connection drops', new Pop3ProtocolError('connection closed mid-reply')],
    ['the message passes MAX_MESSAGE_BYTES', new MessageTooLargeError(1024)],
  ])('when %s after bytes were sent, the response is cut, never finished with JSON', async (_case, failure) => {
    const { app, service } = appWithFake();
    let sent = false;
    service.rawStream = () =>
      new Readable({
        read() {
          if (!sent) {
            sent = true;
            this.push(Buffer.from('Subject: partial\r\n\r\n'));
          } else {
            setTimeout(() => this.destroy(failure), 10);
          }
        },
      });
    const server = await listening(app);
    try {
      const res = await fetchRaw(`${server.url}/messages/uid-1/raw`);
      expect(res.status).toBe(200);
      expect(res.complete).toBe(false);
      expect(res.body.toString()).toBe('Subject: partial\r\n\r\n');
    } finally {
      await server.close();
    }
  });

  test('a client that goes away mid-message destroys the body stream, releasing its session', async () => {
    const { app, service } = appWithFake();
    const body = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, 0x61));
      },
    });
    service.rawStream = () => body;
    const server = await listening(app);
    try {
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`${server.url}/messages/uid-1/raw`, { headers: { Authorization: DEMO_AUTH } }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      });
      if (!body.destroyed) await once(body, 'close');
      expect(body.destroyed).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('a large message streams: its first bytes reach the client before the last are read upstream', async () => {
    const { app, service } = appWithFake();
    const chunk = Buffer.alloc(256 * 1024, 0x62);
    const total = 8 * 1024 * 1024;
    let produced = 0;
    service.rawStream = () =>
      new Readable({
        highWaterMark: chunk.length,
        read() {
          if (produced >= total) this.push(null);
          else {
            produced += chunk.length;
            this.push(chunk);
          }
        },
      });
    const server = await listening(app);
    try {
      let producedAtFirstByte = -1;
      let received = 0;
      await new Promise<void>((resolve, reject) => {
        http
          .get(`${server.url}/messages/uid-1/raw`, { headers: { Authorization: DEMO_AUTH } }, (res) => {
            res.on('data', (data: Buffer) => {
              if (producedAtFirstByte < 0) producedAtFirstByte = produced;
              received += data.length;
            });
            res.on('end', () => resolve());
          })
          .on('error', reject);
      });
      expect(received).toBe(total);
      expect(producedAtFirstByte).toBeGreaterThan(0);
      expect(producedAtFirstByte).toBeLessThan(total);
    } finally {
      await server.close();
    }
  });
});
