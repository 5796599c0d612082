/**
 * docs/reliability.md, "Security": cached data only for a credential the upstream accepted, tokens
 * compared in constant time, 429 after repeated failures, secrets in no log, body, metric
 * or cache key; and the upstream connection is verified TLS unless plaintext is explicitly allowed.
 */
import crypto from 'node:crypto';
import Redis from 'ioredis';
import request from 'supertest';
import { generateDemoCertificate } from '../../src/demo/certificate';
import { ConfigError, loadConfig } from '../../src/config';
import { startGateway } from '../../src/server';
import { FakePop3Server } from '../support/fake-pop3-server';
import { basic } from '../support/basic-auth';
import { capturingLogger, httpAppFor, type HttpApp } from '../support/http-app';
import { simpleMessage } from '../support/messages';
import { startRedis, type TestRedis } from '../support/redis-server';

const ALICE = { user: 'alice', password: 'S3cret-Alice-pw!' };
const BOB = { user: 'bob', password: 'S3cret-Bob-pw?' };
const MESSAGES = [simpleMessage({ subject: 'private matter' }), simpleMessage({ subject: 'another private matter' })];

async function startFake(options: { tls?: boolean | 'starttls' } = {}): Promise<FakePop3Server> {
  return FakePop3Server.start({
    users: [
      { name: ALICE.user, password: ALICE.password, messages: MESSAGES },
      { name: BOB.user, password: BOB.password, messages: [simpleMessage({ subject: 'for bob' })] },
    ],
    ...options,
  });
}

function expectProblem(res: request.Response, status: number, code: string): void {
  expect({ status: res.status, type: res.type, code: (res.body as { code?: string }).code }).toEqual({ status, type: 'application/problem+json', code });
}

describe('security', () => {
  let fake: FakePop3Server;
  let gw: HttpApp;

  afterEach(async () => {
    await gw?.close();
    await fake?.close();
  });

  describe('cached data and wrong passwords', () => {
    it('never serves a cached listing, message or header to a wrong password: the upstream is asked, and refuses', async () => {
      fake = await startFake();
      gw = httpAppFor(fake, { auth: 'user' });
      const right = basic(ALICE.user, ALICE.password);
      const wrong = basic(ALICE.user, 'not-the-password');
      const listing = await request(gw.app).get('/messages?headers=true').set('Authorization', right).expect(200);
      const id = encodeURIComponent(listing.body.items[0].id as string);
      await request(gw.app).get(`/messages/${id}`).set('Authorization', right).expect(200);

      for (const path of ['/messages', '/messages?headers=true', `/messages/${id}`, `/messages/${id}/raw`, `/messages/${id}/headers`, '/mailbox/stat']) {
        const res = await request(gw.app).get(path).set('Authorization', wrong);
        expectProblem(res, 401, 'unauthorized');
        expect(res.headers['www-authenticate']).toBe('Basic realm="popgate"');
        expect(res.text).not.toMatch(/private matter/);
        expect(res.text).not.toContain(listing.body.items[0].id);
      }
      // Each refusal came from the server itself, not from a guess by the gateway.
      expect(fake.transcript.filter((line) => line === 'PASS not-the-password').length).toBeGreaterThanOrEqual(6);
      // The right password still works, from the cache and the pool.
      await request(gw.app).get('/messages').set('Authorization', right).expect(200);
    });
  });

  describe('single-mailbox bearer tokens', () => {
    const TOKENS = ['tok_live_first_0123456789', 'tok_live_second_abcdefghij'];
    const hashed = `sha256:${crypto.createHash('sha256').update(TOKENS[1]!).digest('hex')}`;

    it('compares every presented token as a 32-byte digest against every accepted one with timingSafeEqual', async () => {
      fake = await startFake();
      gw = httpAppFor(fake, { callerAuth: { mode: 'single', credentials: ALICE, apiTokens: [TOKENS[0]!, hashed] } });
      // Log in once first, so later requests reuse the pooled session: the (in-process) fake
      // server's own password check never runs while the spy counts.
      await request(gw.app).get('/mailbox/stat').set('Authorization', `Bearer ${TOKENS[0]}`).expect(200);
      const compare = jest.spyOn(crypto, 'timingSafeEqual');
      try {
        const presented = ['x', 'tok_live_first_012345678', `${TOKENS[0]}x`, 'a'.repeat(1000), TOKENS[0]!, TOKENS[1]!, hashed.slice(7)];
        const statuses: number[] = [];
        for (const token of presented) {
          compare.mockClear();
          const res = await request(gw.app).get('/mailbox/stat').set('Authorization', `Bearer ${token}`);
          statuses.push(res.status);
          // One comparison per accepted token, whatever the length or the outcome: no early exit.
          // (A token may be checked twice — by the fast lane, then by the route — so in whole rounds of two.)
          expect(compare.mock.calls.length % 2).toBe(0);
          expect(compare.mock.calls.length).toBeGreaterThanOrEqual(2);
          for (const [a, b] of compare.mock.calls) {
            expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
          }
        }
        // Only the two real tokens get in; the digest from API_TOKENS is not itself a token.
        expect(statuses).toEqual([401, 401, 401, 401, 200, 200, 401]);
      } finally {
        compare.mockRestore();
      }
    });

    it('answers 429 with Retry-After after AUTH_FAILURE_LIMIT wrong tokens, without asking the upstream', async () => {
      fake = await startFake();
      gw = httpAppFor(fake, { authFailureLimit: 3, callerAuth: { mode: 'single', credentials: ALICE, apiTokens: [TOKENS[0]!] } });
      for (let i = 0; i < 3; i++) {
        expectProblem(await request(gw.app).get('/mailbox/stat').set('Authorization', 'Bearer guess'), 401, 'unauthorized');
      }
      const limited = await request(gw.app).get('/mailbox/stat').set('Authorization', `Bearer ${TOKENS[0]}`);
      expectProblem(limited, 429, 'rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(fake.connections).toBe(0);
    });
  });

  describe('repeated failed logins', () => {
    it('answers 429 with Retry-After once AUTH_FAILURE_LIMIT logins failed, before the upstream sees another; other users are unaffected', async () => {
      fake = await startFake();
      gw = httpAppFor(fake, { auth: 'user', authFailureLimit: 3 });
      for (let i = 0; i < 3; i++) {
        expectProblem(await request(gw.app).get('/mailbox/stat').set('Authorization', basic(ALICE.user, `guess-${i}`)), 401, 'unauthorized');
      }
      const passes = fake.transcript.filter((line) => line.startsWith('PASS ')).length;
      for (const password of ['guess-3', ALICE.password]) {
        const res = await request(gw.app).get('/mailbox/stat').set('Authorization', basic(ALICE.user, password));
        expectProblem(res, 429, 'rate_limited');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
      }
      expect(fake.transcript.filter((line) => line.startsWith('PASS ')).length).toBe(passes);
      // The key is client IP + user: bob, from the same address, is not limited.
      await request(gw.app).get('/mailbox/stat').set('Authorization', basic(BOB.user, BOB.password)).expect(200);
    });
  });

  describe('secrets', () => {
    let redis: TestRedis;
    // Runs before the outer afterEach: the gateways must let go of Redis before it is stopped.
    afterEach(async () => {
      await gw?.close();
      await redis?.close();
    });

    it('never writes a password or token into a log line, an error body, /metrics or a cache key or value', async () => {
      redis = await startRedis();
      fake = await startFake();
      const TOKEN = 'tok_live_SECRET_9f8e7d6c5b4a';
      gw = httpAppFor(fake, { auth: 'user', redisUrl: redis.url, authFailureLimit: 2 });
      const single = httpAppFor(fake, { redisUrl: redis.url, callerAuth: { mode: 'single', credentials: BOB, apiTokens: [TOKEN] } });
      const wrongPassword = 'Wr0ng-Pa55word-XYZ';
      const responses: request.Response[] = [];
      const send = async (app: HttpApp, path: string, authorization: string): Promise<request.Response> => {
        const res = await request(app.app).get(path).set('Authorization', authorization);
        responses.push(res);
        return res;
      };
      try {
        const list = await send(gw, '/messages?headers=true', basic(ALICE.user, ALICE.password));
        const id = encodeURIComponent(list.body.items[0].id as string);
        await send(gw, `/messages/${id}`, basic(ALICE.user, ALICE.password));
        await send(gw, '/mailbox/stat', basic(ALICE.user, wrongPassword)); // 401
        fake.once('PASS', (ctx) => ctx.reply('-ERR [AUTH] Application-specific password required\r\n'));
        await send(gw, '/mailbox/stat', basic(BOB.user, BOB.password)); // 401 with the server's words
        await send(gw, '/mailbox/stat', basic(ALICE.user, wrongPassword)); // 401
        await send(gw, '/mailbox/stat', basic(ALICE.user, wrongPassword)); // 429
        const bobList = await request(gw.app).get('/messages').set('Authorization', basic(BOB.user, BOB.password)).expect(200);
        fake.on('TOP', (ctx) => ctx.reply('HTTP/1.1 400 garbage\r\n'));
        await send(gw, `/messages/${encodeURIComponent(bobList.body.items[0].id as string)}/headers`, basic(BOB.user, BOB.password)); // 502
        fake.off('TOP');
        await send(gw, `/messages/${id}%0D%0APASS%20x`, basic(BOB.user, BOB.password)); // 400
        await send(single, '/mailbox/stat', `Bearer ${TOKEN}`); // 200
        await send(single, '/mailbox/stat', `Bearer ${TOKEN}-almost`); // 401
        await send(single, '/messages', `Bearer ${TOKEN}`); // 200, cached by Redis
        expect(responses.map((r) => r.status)).toEqual([200, 200, 401, 401, 401, 429, 502, 400, 200, 401, 200]);

        const metrics = await request(gw.app).get('/metrics').expect(200);
        const redisClient = new Redis(redis.url);
        const keys = await redisClient.keys('*');
        const values = await Promise.all(keys.map(async (key) => ((await redisClient.type(key)) === 'string' ? (await redisClient.get(key)) ?? '' : (await redisClient.zrange(key, '0', '-1')).join(' '))));
        await redisClient.quit();
        expect(keys.length).toBeGreaterThan(0);

        const secrets = [ALICE.password, BOB.password, wrongPassword, TOKEN, basic(ALICE.user, ALICE.password).slice(6), basic(ALICE.user, wrongPassword).slice(6), basic(BOB.user, BOB.password).slice(6)];
        const places: [string, string][] = [
          ['log', gw.logText() + single.logText()],
          ['response', responses.map((r) => JSON.stringify(r.headers) + r.text).join('\n')],
          ['metrics', metrics.text],
          ['redis keys', keys.join('\n')],
          ['redis values', values.join('\n')],
        ];
        // The logs did record these requests (at debug level), so their silence about secrets means something.
        expect(gw.logLines.length).toBeGreaterThan(5);
        for (const [where, text] of places) {
          for (const secret of secrets) {
            expect({ where, leaked: text.includes(secret) ? secret : null }).toEqual({ where, leaked: null });
          }
        }
        // Sanity: the secrets were really in play.
        expect(fake.transcript).toContain(`PASS ${ALICE.password}`);
      } finally {
        await single.close();
      }
    });
  });

  describe('upstream TLS', () => {
    it.each([
      ['a certificate for another name (servername mismatch)', { servername: 'mail.example.org' }],
      ['a certificate from an untrusted CA', 'other-ca'],
      ['no extra CA (system roots only)', { ca: undefined }],
    ] as const)('refuses %s with 503 before any credential is sent', async (_what, override) => {
      fake = await startFake();
      const upstream = override === 'other-ca' ? { ca: (await generateDemoCertificate()).certPem } : override;
      gw = httpAppFor(fake, { upstream });
      const res = await request(gw.app).get('/mailbox/stat').set('Authorization', basic(ALICE.user, ALICE.password));
      expectProblem(res, 503, 'upstream_unavailable');
      expect(res.body.detail).toMatch(/TLS|certificate/i);
      expect(fake.connections).toBeGreaterThan(0);
      expect(fake.transcript).toEqual([]);
    });

    it('fails closed when POP3_TLS=starttls and the server does not offer STLS: no credentials in plaintext', async () => {
      fake = await startFake({ tls: false });
      gw = httpAppFor(fake, { upstream: { tls: 'starttls', allowPlaintext: false } });
      const res = await request(gw.app).get('/mailbox/stat').set('Authorization', basic(ALICE.user, ALICE.password));
      expectProblem(res, 503, 'upstream_unavailable');
      expect(fake.transcript.some((line) => /^(USER|PASS|AUTH|APOP)/i.test(line))).toBe(false);
    });

    it('refuses plaintext POP3 unless it is explicitly allowed', async () => {
      fake = await startFake({ tls: false });
      gw = httpAppFor(fake, { upstream: { tls: 'none', allowPlaintext: false } });
      const res = await request(gw.app).get('/mailbox/stat').set('Authorization', basic(ALICE.user, ALICE.password));
      expectProblem(res, 503, 'upstream_unavailable');
      expect(fake.connections).toBe(0);
    });
  });

  describe('plaintext configuration', () => {
    const env = (port: number, extra: Record<string, string> = {}) => ({
      POP3_HOST: '127.0.0.1',
      POP3_PORT: String(port),
      POP3_TLS: 'none',
      PORT: '0',
      HOST: '127.0.0.1',
      POP3_TIMEOUT_MS: '5000',
      ...extra,
    });

    it('stops the start with a ConfigError naming POP3_TLS when POP3_TLS=none lacks POP3_ALLOW_PLAINTEXT', () => {
      let error: unknown;
      try {
        loadConfig(env(110));
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe('POP3_TLS');
      expect(() => loadConfig(env(110, { POP3_ALLOW_PLAINTEXT: 'false' }))).toThrow(ConfigError);
    });

    it('works against a plaintext server with POP3_ALLOW_PLAINTEXT=true, and warns about it', async () => {
      fake = await startFake({ tls: false });
      const { logger, lines } = capturingLogger('info');
      const running = await startGateway(loadConfig(env(fake.port, { POP3_ALLOW_PLAINTEXT: 'true' })), logger);
      try {
        const res = await request(`http://127.0.0.1:${running.port}`).get('/mailbox/stat').set('Authorization', basic(ALICE.user, ALICE.password));
        expect(res.status).toBe(200);
        expect(res.body.count).toBe(MESSAGES.length);
        expect(lines.join('\n')).toMatch(/POP3_TLS=none/);
        expect(lines.join('\n')).not.toContain(ALICE.password);
      } finally {
        await running.close();
      }
    });
  });
});
