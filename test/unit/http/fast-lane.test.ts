import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { Agent, createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import request from 'supertest';
import { LIST_DEFAULTS, listQuery } from '../../../src/http/gateway/fast-lane';
import { Metrics } from '../../../src/observability/metrics';
import { Pop3AuthError } from '../../../src/pop3/errors';
import type { AppDeps } from '../../../src/app';
import { capturingLogger } from '../../support/http-app';
import { basic } from '../../support/basic-auth';
import { appWithFake, DEMO_AUTH } from './app-harness';
import { FakeMailboxService } from './fake-mailbox-service';

/** A gateway whose fake service holds its answers in memory, so the fast lane can answer. */
function warmGateway(overrides: Partial<AppDeps> = {}): ReturnType<typeof appWithFake> {
  const service = new FakeMailboxService();
  service.inMemory = true;
  return appWithFake({ service, ...overrides });
}

/**
 * GETs `path` with each Authorization value in turn, over one keep-alive connection to `server`
 * (started here, closed after); the statuses, in order.
 */
async function overOneConnection(server: Server, path: string, authorizations: string[]): Promise<number[]> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const statuses: number[] = [];
  try {
    for (const [i, authorization] of authorizations.entries()) {
      const sent = get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path, agent, headers: { authorization } });
      const [res] = (await once(sent, 'response')) as [IncomingMessage];
      res.resume();
      await once(res, 'end');
      // Every request after the first went over the first one's connection.
      expect(sent.reusedSocket).toBe(i > 0);
      statuses.push(res.statusCode ?? 0);
    }
  } finally {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return statuses;
}

/** The headers that must match between the two paths (Date, X-Request-Id and Keep-Alive differ per response). */
function comparable(headers: Record<string, string>): Record<string, string> {
  const { date: _date, 'x-request-id': _id, ...rest } = headers;
  return rest;
}

/** The response's header lines as sent (names as spelled, in order), Date's and X-Request-Id's values left out. */
function rawHead(res: request.Response): string[] {
  const raw = (res as unknown as { res: { rawHeaders: string[] } }).res.rawHeaders;
  return raw.map((field, i) => (i % 2 === 1 && /^(?:date|x-request-id)$/i.test(raw[i - 1]!) ? '…' : field));
}

describe('the fast lane answers cached reads exactly as the express routes do', () => {
  test.each([
    ['/messages'],
    ['/messages?limit=1'],
    ['/messages?offset=1&limit=1&order=asc'],
    ['/messages?order=desc&headers=false&offset=0&limit=1000'],
    ['/messages?headers=true&limit=2'],
    ['/mailbox/stat'],
  ])('GET %s: same status, headers and body, without reaching the async service', async (url) => {
    const { app, listener, service } = warmGateway();
    const viaExpress = await request(app).get(url).set('Authorization', DEMO_AUTH);
    const asyncCalls = service.calls.length;
    const viaLane = await request(listener).get(url).set('Authorization', DEMO_AUTH);

    expect(viaExpress.status).toBe(200);
    expect(viaLane.status).toBe(200);
    expect(viaLane.text).toBe(viaExpress.text);
    expect(comparable(viaLane.headers)).toEqual(comparable(viaExpress.headers));
    expect(viaLane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(service.calls).toHaveLength(asyncCalls);
    expect(service.memoryReads).toHaveLength(1);
  });

  test('If-None-Match naming the page gets 304 from the lane, as from the route', async () => {
    const { app, listener } = warmGateway();
    const first = await request(listener).get('/messages?limit=1').set('Authorization', DEMO_AUTH).expect(200);
    const etag = first.headers.etag as string;
    const viaLane = await request(listener).get('/messages?limit=1').set('Authorization', DEMO_AUTH).set('If-None-Match', etag);
    const viaExpress = await request(app).get('/messages?limit=1').set('Authorization', DEMO_AUTH).set('If-None-Match', etag);
    expect(viaLane.status).toBe(304);
    expect(viaLane.text).toBe('');
    expect(comparable(viaLane.headers)).toEqual(comparable(viaExpress.headers));
  });

  test.each([
    ['a page', '/messages?limit=1', {}, undefined],
    ['a page over the compression threshold', '/messages?limit=1000', { 'Accept-Encoding': 'identity' }, undefined],
    ['a compressed page', '/messages?limit=1000', { 'Accept-Encoding': 'br' }, 'br'],
    ['a 304', '/messages?limit=1', { 'If-None-Match': '*' }, undefined],
    ['STAT', '/mailbox/stat', {}, undefined],
  ])('%s: the head lists the same fields in the same order, spelled the same, as the route', async (_case, url, headers: Record<string, string>, coding) => {
    // 40 messages: a full page is over COMPRESS_MIN_BYTES, so Vary (and a coding) come into play.
    const service = new FakeMailboxService(Array.from({ length: 40 }, (_, i) => ({ id: `uid-${i + 1}`, raw: Buffer.from(`Subject: ${i}\r\n\r\nbody\r\n`), attachments: [] })));
    service.inMemory = true;
    const { app, listener } = appWithFake({ service });
    const viaExpress = await request(app).get(url).set('Authorization', DEMO_AUTH).set(headers);
    const viaLane = await request(listener).get(url).set('Authorization', DEMO_AUTH).set(headers);
    expect(viaLane.status).toBe(viaExpress.status);
    expect(viaLane.headers['content-encoding']).toBe(coding);
    if (url.endsWith('1000')) expect(viaLane.headers.vary).toBe('Accept-Encoding');
    expect(rawHead(viaLane)).toEqual(rawHead(viaExpress));
  });

  test('headers set before the lane (Connection: close while shutting down) stay beside its own', async () => {
    const { listener, service } = warmGateway();
    const server = createServer(listener);
    // What src/server.ts does once it is closing.
    server.prependListener('request', (_req, res) => {
      res.setHeader('Connection', 'close');
    });
    const res = await request(server).get('/messages?limit=1').set('Authorization', DEMO_AUTH).expect(200);
    expect(res.headers.connection).toBe('close');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers.etag).toMatch(/^"/);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(service.memoryReads).toHaveLength(1); // the lane answered
  });

  test("the caller's X-Request-Id is echoed when plain, replaced when not", async () => {
    const { listener } = warmGateway();
    const plain = await request(listener).get('/mailbox/stat').set('Authorization', DEMO_AUTH).set('X-Request-Id', 'trace-42');
    expect(plain.headers['x-request-id']).toBe('trace-42');
    const odd = await request(listener).get('/mailbox/stat').set('Authorization', DEMO_AUTH).set('X-Request-Id', 'has space');
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('lane answers are counted in the request metrics under their route', async () => {
    const metrics = new Metrics();
    const { listener, service } = warmGateway({ metrics });
    await request(listener).get('/messages?limit=1').set('Authorization', DEMO_AUTH).expect(200);
    await request(listener).get('/mailbox/stat').set('Authorization', DEMO_AUTH).expect(200);
    expect(service.memoryReads).toHaveLength(2);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/popgate_http_request_duration_seconds_count\{method="GET",route="\/messages",status="200"\} 1/);
    expect(text).toMatch(/popgate_http_request_duration_seconds_count\{method="GET",route="\/mailbox\/stat",status="200"\} 1/);
  });
});

describe('anything the lane cannot answer exactly goes to the express app', () => {
  test.each([
    ['no-cache', '/messages', { 'Cache-Control': 'no-cache' }, 200],
    ['Pragma: no-cache', '/mailbox/stat', { Pragma: 'no-cache' }, 200],
    ['headers=1', '/messages?headers=1', {}, 400],
    ['a percent-encoded value', '/messages?limit=%31', {}, 200],
    ['a trailing slash', '/messages/', {}, 200],
    ['other letter case', '/Mailbox/stat', {}, 200],
    ['a query on stat', '/mailbox/stat?verbose=1', {}, 400],
    ['an unknown parameter', '/messages?limt=10', {}, 400],
    ['two limits', '/messages?limit=1&limit=2', {}, 400],
    ['limit 0', '/messages?limit=0', {}, 400],
    ['limit 1001', '/messages?limit=1001', {}, 400],
    ['a negative offset', '/messages?offset=-1', {}, 400],
    ['a leading zero', '/messages?limit=010', {}, 200],
    ['a bare name', '/messages?limit', {}, 400],
    ['no credentials', '/messages', { Authorization: '' }, 401],
    ['malformed Basic', '/mailbox/stat', { Authorization: 'Basic !!!' }, 401],
    ['a Bearer token in multi-mailbox mode', '/mailbox/stat', { Authorization: 'Bearer abc' }, 401],
  ])('%s', async (_case, url, headers: Record<string, string>, status) => {
    const { listener, service } = warmGateway();
    const res = await request(listener).get(url).set('Authorization', DEMO_AUTH).set(headers);
    expect(res.status).toBe(status);
    expect(service.memoryReads).toEqual([]);
  });

  test('HEAD and other methods', async () => {
    const { listener, service } = warmGateway();
    await request(listener).head('/mailbox/stat').set('Authorization', DEMO_AUTH).expect(200);
    await request(listener).post('/messages').set('Authorization', DEMO_AUTH).expect(404);
    expect(service.memoryReads).toEqual([]);
  });

  test('nothing in memory: the route asks the service', async () => {
    const { listener, service } = appWithFake(); // inMemory off: a cold pool, no cached listing
    await request(listener).get('/messages?limit=1').set('Authorization', DEMO_AUTH).expect(200);
    await request(listener).get('/mailbox/stat').set('Authorization', DEMO_AUTH).expect(200);
    expect(service.calls.map((c) => c.operation)).toEqual(['list', 'stat']);
  });

  test('a client with failed logins on record is left to the limiter: counted, then refused with 429', async () => {
    const { listener, service } = warmGateway({ authFailureLimit: 2 });
    const wrong = basic('demo', 'wrong');
    // The fake accepts any well-formed credentials; an upstream refusal is what the limiter counts.
    service.failures.set('stat', new Pop3AuthError('PASS', 'AUTH', 'nope'));
    service.inMemory = false;
    await request(listener).get('/mailbox/stat').set('Authorization', wrong).expect(401);
    await request(listener).get('/mailbox/stat').set('Authorization', wrong).expect(401);
    service.failures.clear();
    service.inMemory = true;
    // The same client and user: the lane steps aside and the limiter answers.
    const limited = await request(listener).get('/mailbox/stat').set('Authorization', wrong).expect(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(service.memoryReads).toEqual([]);
    // Another user from the same client is not affected.
    await request(listener).get('/mailbox/stat').set('Authorization', basic('other', 'pw')).expect(200);
    expect(service.memoryReads).toHaveLength(1);
  });

  test('a failure inside the lane is logged and the express route answers instead', async () => {
    const { logger, lines } = capturingLogger('info');
    const { listener, service } = warmGateway({ logger });
    service.cachedPage = () => {
      throw new Error('memo corrupted');
    };
    await request(listener).get('/messages?limit=1').set('Authorization', DEMO_AUTH).expect(200);
    expect(service.callsOf('list')).toHaveLength(1);
    expect(lines.join('\n')).toContain('fast lane failed');
  });
});

describe('credentials on a keep-alive connection (checked once per value, per connection)', () => {
  test('each request is answered for its own credentials, whichever came before on the connection', async () => {
    const { createServer: serverOf, service } = warmGateway();
    // Same length, one letter apart: a memo that looked at less than the whole value would mix them up.
    const other = basic('demo', 'dem0');
    const statuses = await overOneConnection(serverOf(), '/mailbox/stat', [DEMO_AUTH, DEMO_AUTH, other, DEMO_AUTH]);
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(service.memoryReads.map((read) => read.credentials.password)).toEqual(['demo', 'demo', 'dem0', 'demo']);
  });

  test('a remembered value still meets the limiter: failed logins of its user stop the lane on that connection', async () => {
    const { createServer: serverOf, service } = warmGateway({ authFailureLimit: 1 });
    const wrong = basic('demo', 'wrong');
    const server = serverOf();
    // 1st request: the lane answers, and remembers `wrong` on the connection. 2nd: nothing in
    // memory, so the route asks upstream, which refuses it (one failure: the limit). 3rd: in
    // memory again, but the limiter has the user on record, so the lane steps aside.
    let seen = 0;
    server.prependListener('request', () => {
      seen += 1;
      service.inMemory = seen !== 2;
      if (seen === 2) service.failures.set('stat', new Pop3AuthError('PASS', 'AUTH', 'nope'));
      else service.failures.clear();
    });
    const statuses = await overOneConnection(server, '/mailbox/stat', [wrong, wrong, wrong]);
    expect(statuses).toEqual([200, 401, 429]);
    expect(service.memoryReads).toHaveLength(1);
  });
});

describe('single-mailbox mode (Bearer tokens)', () => {
  const single = { mode: 'single' as const, credentials: { user: 'box', password: 'secret' }, apiTokens: ['tok-1'] };

  test('a valid token is answered by the lane; a wrong one gets 401 from the route and is counted', async () => {
    const { listener, service } = warmGateway({ auth: single, authFailureLimit: 1 });
    await request(listener).get('/mailbox/stat').set('Authorization', 'Bearer tok-1').expect(200);
    expect(service.memoryReads).toEqual([{ operation: 'warmStat', credentials: single.credentials }]);
    await request(listener).get('/mailbox/stat').set('Authorization', 'Bearer tok-2').expect(401);
    // One failure is the limit: this client is now refused, even with the right token.
    await request(listener).get('/mailbox/stat').set('Authorization', 'Bearer tok-1').expect(429);
    expect(service.memoryReads).toHaveLength(1);
  });
});

describe('behind a proxy (trust proxy)', () => {
  test('the limiter key uses the forwarded client address, as express does', async () => {
    const { listener, service } = warmGateway({ authFailureLimit: 1, trustProxy: 1 });
    const wrong = basic('demo', 'wrong');
    service.inMemory = false;
    service.failures.set('stat', new Pop3AuthError('PASS', 'AUTH', 'nope'));
    await request(listener).get('/mailbox/stat').set('Authorization', wrong).set('X-Forwarded-For', '203.0.113.7').expect(401);
    service.failures.clear();
    service.inMemory = true;
    await request(listener).get('/mailbox/stat').set('Authorization', wrong).set('X-Forwarded-For', '203.0.113.7').expect(429);
    expect(service.memoryReads).toEqual([]);
    await request(listener).get('/mailbox/stat').set('Authorization', wrong).set('X-Forwarded-For', '203.0.113.8').expect(200);
    expect(service.memoryReads).toHaveLength(1);
  });

  test('without trust proxy, X-Forwarded-For is ignored: the limiter key is the socket peer, as express sees it', async () => {
    const { listener, service } = warmGateway({ authFailureLimit: 1 });
    const wrong = basic('demo', 'wrong');
    service.inMemory = false;
    service.failures.set('stat', new Pop3AuthError('PASS', 'AUTH', 'nope'));
    await request(listener).get('/mailbox/stat').set('Authorization', wrong).set('X-Forwarded-For', '203.0.113.7').expect(401);
    service.failures.clear();
    service.inMemory = true;
    await request(listener).get('/mailbox/stat').set('Authorization', wrong).set('X-Forwarded-For', '203.0.113.8').expect(429);
    await request(listener).get('/mailbox/stat').set('Authorization', wrong).expect(429);
    expect(service.memoryReads).toEqual([]);
  });
});

describe('listQuery', () => {
  test('reads the canonical spellings', () => {
    expect(listQuery('')).toEqual(LIST_DEFAULTS);
    expect(listQuery('offset=20&limit=10&order=asc&headers=false')).toEqual({ offset: 20, limit: 10, order: 'asc', headers: false });
    expect(listQuery('headers=true')).toEqual({ ...LIST_DEFAULTS, headers: true });
    expect(listQuery('limit=1000')).toEqual({ ...LIST_DEFAULTS, limit: 1000 });
    expect(listQuery('offset=999999999')).toEqual({ ...LIST_DEFAULTS, offset: 999999999 });
  });

  test.each(['limit=0', 'limit=1001', 'limit=01', 'limit=1e3', 'offset=-1', 'offset=1.5', 'offset=1000000000', 'order=ASC', 'headers=TRUE', 'headers=0', 'limit=1&limit=1', 'x=1', 'limit', '&', 'limit=1&'])(
    'leaves %s to tsoa',
    (search) => {
      expect(listQuery(search)).toBeNull();
    },
  );

  test("its defaults and limits are the spec's", () => {
    const spec = JSON.parse(readFileSync(path.join(__dirname, '../../../openapi/openapi.json'), 'utf8')) as {
      paths: Record<string, { get: { parameters: { name: string; schema: { default?: unknown; maximum?: number } }[] } }>;
    };
    const parameters = spec.paths['/messages']!.get.parameters;
    const schemaOf = (name: string): { default?: unknown; maximum?: number } => parameters.find((p) => p.name === name)!.schema;
    expect(schemaOf('offset').default).toBe(LIST_DEFAULTS.offset);
    expect(schemaOf('limit').default).toBe(LIST_DEFAULTS.limit);
    expect(schemaOf('order').default).toBe(LIST_DEFAULTS.order);
    expect(schemaOf('headers').default).toBe(LIST_DEFAULTS.headers);
    expect(schemaOf('limit').maximum).toBe(1000);
    expect(listQuery('limit=1000')).not.toBeNull();
    expect(listQuery('limit=1001')).toBeNull();
  });
});
