/**
 * Node's server.close() destroys connections whose response has ended but whose last bytes
 * still wait in the socket for a slow client. flushBeforeClosingIdleConnections (installed by
 * startGateway) makes those connections flush first; load.test.ts shows it end to end.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { flushBeforeClosingIdleConnections } from '../../src/http/gateway/flush-before-close';

const BODY_BYTES = 4 * 1024 * 1024;
const CLIENTS = 8;

describe('closing the HTTP server while slow clients download', () => {
  it('lets every client that was answered read its whole body', async () => {
    let received = 0;
    let allReceived!: () => void;
    const arrived = new Promise<void>((resolve) => (allReceived = resolve));
    const server = http.createServer((_req, res) => {
      // The response ends at once; its bytes then wait for clients that do not read yet.
      res.end(Buffer.alloc(BODY_BYTES, 0x61));
      if (++received === CLIENTS) allReceived();
    });
    flushBeforeClosingIdleConnections(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;

    let startReading!: () => void;
    const gate = new Promise<void>((resolve) => (startReading = resolve));
    const downloads = Array.from({ length: CLIENTS }, () => slowDownload(port, gate));
    await arrived;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    startReading();

    expect(await Promise.all(downloads)).toEqual(Array.from({ length: CLIENTS }, () => `complete ${BODY_BYTES}`));
    await closed;
  });

  it('spares a connection whose request is still being answered', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const server = http.createServer((_req, res) => {
      arrived();
      // An answer that takes I/O first, as a RETR does.
      void answered.then(() => res.end('answered'));
    });
    flushBeforeClosingIdleConnections(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true });
    const body = new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, agent }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    await requestArrived;
    server.closeIdleConnections();
    answer();
    expect(await body).toBe('answered');
    // Idle now, with nothing left to send: closed.
    const started = Date.now();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(Date.now() - started).toBeLessThan(3000);
    agent.destroy();
  });

  it('still closes connections that are idle with nothing left to send', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    flushBeforeClosingIdleConnections(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, agent }, (res) => res.resume().on('end', resolve)).on('error', reject);
    });
    const started = Date.now();
    // A kept-alive idle connection would otherwise hold close() for keepAliveTimeout (5 s):
    // well below that, wide enough for a busy machine.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(Date.now() - started).toBeLessThan(3000);
    agent.destroy();
  });
});

/** A GET that reads nothing until `gate` opens; says whether the body arrived whole. */
function slowDownload(port: number, gate: Promise<void>): Promise<string> {
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, agent: false }, (res) => {
        res.pause();
        void gate.then(() => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve(`complete ${bytes}`));
          res.on('error', (err) => resolve(`cut after ${bytes}: ${err.message}`));
          res.resume();
        });
      })
      .on('error', (err) => resolve(`failed: ${err.message}`));
  });
}
