/**
 * Every error status the API documents, produced for real against a private Dovecot
 * (in-process cache): bad input, refused and missing credentials, unknown ids, oversized
 * messages, too many failed logins, and Dovecot going away between and during requests.
 */
import * as http from 'node:http';
import request from 'supertest';
import type { MailboxStat } from '../../../src/models/mailbox';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { basic } from '../../support/basic-auth';
import { httpAppFor, listening, type HttpApp } from '../../support/http-app';
import { largeMessage, simpleMessage } from '../../support/messages';
import { ALICE, asAlice, asBob, bodyBytes, bytes, expectProblem, listingOf, uidsOnServer } from './helpers';

const BIG_BYTES = 24 * 1024 * 1024;
/** A well-formed UIDL value that names no message. */
const UNKNOWN_ID = 'ffffffff00000000';

describe('HTTP errors produced against Dovecot', () => {
  let dovecot: DovecotServer;
  /** UIDL values of alice's messages: two small ones, then a 24 MB one. */
  let ids: string[];
  const apps: HttpApp[] = [];
  const appFor = (options: Parameters<typeof httpAppFor>[1] = {}): HttpApp => {
    const gw = httpAppFor(dovecot, { timeoutMs: 5000, ...options });
    apps.push(gw);
    return gw;
  };

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.deliver('alice', simpleMessage({ subject: 'small one', body: 'a'.repeat(500) }));
    await dovecot.deliver('alice', simpleMessage({ subject: 'small two', body: 'b'.repeat(5000) }));
    await dovecot.deliver('alice', largeMessage(BIG_BYTES));
    ids = await uidsOnServer(dovecot);
  });

  afterAll(async () => {
    await Promise.all(apps.map((gw) => gw.close()));
    await dovecot?.close();
  });

  describe('400 invalid_request, before any POP3 I/O', () => {
    const badIds = ['x'.repeat(71), 'a%20b', '%C3%A9t%C3%A9', 'tab%09', '%00'];

    it.each(badIds)('refuses the id %s on every message route', async (badId) => {
      const gw = appFor();
      for (const path of [`/messages/${badId}`, `/messages/${badId}/raw`, `/messages/${badId}/headers`, `/messages/${badId}/attachments/0`]) {
        expectProblem(await request(gw.app).get(path).set('Authorization', asAlice), 400, 'invalid_request');
      }
      expectProblem(await request(gw.app).delete(`/messages/${badId}`).set('Authorization', asAlice), 400, 'invalid_request');
      expect(gw.resources.pool.stats()).toEqual({ idle: 0, busy: 0, waiting: 0, mailboxes: 0 });
    });

    it.each(['limit=0', 'limit=1001', 'offset=-1', 'limit=ten', 'order=sideways', 'headers=maybe', 'colour=blue'])(
      'refuses GET /messages?%s',
      async (query) => {
        const gw = appFor();
        const problem = expectProblem(await request(gw.app).get(`/messages?${query}`).set('Authorization', asAlice), 400, 'invalid_request');
        expect(problem.detail).toContain(query.split('=')[0]);
        expect(gw.resources.pool.stats().mailboxes).toBe(0);
      },
    );

    it('refuses an attachment index that is not a number', async () => {
      const gw = appFor();
      expectProblem(await request(gw.app).get(`/messages/${ids[0]}/attachments/first`).set('Authorization', asAlice), 400, 'invalid_request');
    });
  });

  describe('401 unauthorized', () => {
    it('asks for Basic credentials when none are sent', async () => {
      const gw = appFor();
      const res = await request(gw.app).get('/mailbox/stat');
      expectProblem(res, 401, 'unauthorized');
      expect(res.headers['www-authenticate']).toBe('Basic realm="popgate"');
    });

    it("passes on Dovecot's own words when it refuses the password, never the password", async () => {
      const gw = appFor();
      const res = await request(gw.app).get('/messages').set('Authorization', basic('alice', 'not-the-password'));
      const problem = expectProblem(res, 401, 'unauthorized');
      expect(res.headers['www-authenticate']).toBe('Basic realm="popgate"');
      expect(problem.pop3).toEqual({ respCode: 'AUTH', text: 'Authentication failed.' });
      expect(res.text).not.toContain('not-the-password');
      expect(gw.logText()).not.toContain('not-the-password');
      // The same mailbox with the right password is served at once.
      await request(gw.app).get('/messages').set('Authorization', asAlice).expect(200);
    });

    it('never answers a wrong password from what the cache holds for the right one', async () => {
      const gw = appFor();
      await request(gw.app).get('/messages?headers=true').set('Authorization', asAlice).expect(200);
      const wrong = basic('alice', 'alice-secreT');
      for (const path of ['/messages', '/messages?headers=true', '/mailbox/stat', `/messages/${ids[0]}/headers`]) {
        expectProblem(await request(gw.app).get(path).set('Authorization', wrong), 401, 'unauthorized');
      }
    });

    it('refuses a user Dovecot does not know', async () => {
      const gw = appFor();
      const problem = expectProblem(await request(gw.app).get('/mailbox/stat').set('Authorization', basic('mallory', 'x')), 401, 'unauthorized');
      expect(problem.pop3?.text).toBe('Authentication failed.');
    });
  });

  describe('404 message_not_found', () => {
    it('answers an id the maildrop does not hold, on every message route', async () => {
      const gw = appFor();
      for (const path of [`/messages/${UNKNOWN_ID}`, `/messages/${UNKNOWN_ID}/raw`, `/messages/${UNKNOWN_ID}/headers`, `/messages/${UNKNOWN_ID}/attachments/0`]) {
        const problem = expectProblem(await request(gw.app).get(path).set('Authorization', asAlice), 404, 'message_not_found');
        expect(problem.detail).toContain(UNKNOWN_ID);
      }
      expectProblem(await request(gw.app).delete(`/messages/${UNKNOWN_ID}`).set('Authorization', asAlice), 404, 'message_not_found');
      expect(await uidsOnServer(dovecot)).toEqual(ids);
    });

    it("answers another user's id as not found", async () => {
      const gw = appFor();
      expectProblem(await request(gw.app).get(`/messages/${ids[0]}`).set('Authorization', asBob), 404, 'message_not_found');
    });

    it('answers an unknown route as a problem too', async () => {
      const gw = appFor();
      expectProblem(await request(gw.app).get('/mailbox/nothing-here').set('Authorization', asAlice), 404, 'not_found');
    });
  });

  describe('413 message_too_large', () => {
    it('refuses to parse a message over MAX_MESSAGE_BYTES, and serves the ones under it', async () => {
      const gw = appFor({ maxMessageBytes: 2000 });
      const problem = expectProblem(await request(gw.app).get(`/messages/${ids[1]}`).set('Authorization', asAlice), 413, 'message_too_large');
      expect(problem.detail).toContain('2000');
      expectProblem(await request(gw.app).get(`/messages/${ids[1]}/attachments/0`).set('Authorization', asAlice), 413, 'message_too_large');
      expectProblem(await request(gw.app).get(`/messages/${ids[1]}/raw`).set('Authorization', asAlice), 413, 'message_too_large');

      await request(gw.app).get(`/messages/${ids[0]}`).set('Authorization', asAlice).expect(200);
      // Headers come from TOP n 0, which stays small.
      await request(gw.app).get(`/messages/${ids[1]}/headers`).set('Authorization', asAlice).expect(200);
    });
  });

  describe('429 rate_limited', () => {
    it('refuses a user after AUTH_FAILURE_LIMIT wrong passwords, even with the right one, with Retry-After', async () => {
      const gw = appFor({ authFailureLimit: 3 });
      const wrong = basic('alice', 'guess');
      for (let attempt = 0; attempt < 3; attempt++) {
        expectProblem(await request(gw.app).get('/mailbox/stat').set('Authorization', wrong), 401, 'unauthorized');
      }
      const limited = await request(gw.app).get('/mailbox/stat').set('Authorization', wrong);
      expectProblem(limited, 429, 'rate_limited');
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(800);
      expect(retryAfter).toBeLessThanOrEqual(900);

      expectProblem(await request(gw.app).get('/mailbox/stat').set('Authorization', asAlice), 429, 'rate_limited');
      // Another user from the same address is not affected.
      await request(gw.app).get('/mailbox/stat').set('Authorization', asBob).expect(200);
    });

    it('forgets earlier typos once the right password is accepted', async () => {
      const gw = appFor({ authFailureLimit: 3 });
      const wrong = basic('alice', 'typo');
      for (let attempt = 0; attempt < 2; attempt++) await request(gw.app).get('/mailbox/stat').set('Authorization', wrong).expect(401);
      await request(gw.app).get('/mailbox/stat').set('Authorization', asAlice).expect(200);
      for (let attempt = 0; attempt < 2; attempt++) await request(gw.app).get('/mailbox/stat').set('Authorization', wrong).expect(401);
      await request(gw.app).get('/mailbox/stat').set('Authorization', asAlice).expect(200);
    });
  });

  describe('a client that hangs up mid-download', () => {
    it('frees the POP3 session it was reading from, and the next download is whole', async () => {
      const gw = appFor({ pool: { maxPerMailbox: 1 } });
      const server = await listening(gw.app);
      try {
        const received = await new Promise<number>((resolve, reject) => {
          const req = http.get({ host: '127.0.0.1', port: server.port, path: `/messages/${ids[2]}/raw`, headers: { Authorization: asAlice }, agent: false }, (res) => {
            res.once('data', (chunk: Buffer) => {
              req.destroy();
              resolve(chunk.length);
            });
          });
          req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
        });
        expect(received).toBeGreaterThan(0);
        // With one session per mailbox, this waits for the abandoned one unless it was freed.
        const res = await request(gw.app).get(`/messages/${ids[2]}/raw`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
        expect(bodyBytes(res).equals(largeMessage(BIG_BYTES))).toBe(true);
        const { busy, idle } = gw.resources.pool.stats();
        expect({ busy, atMostOneIdle: idle <= 1 }).toEqual({ busy: 0, atMostOneIdle: true });
      } finally {
        await server.close();
      }
    });
  });

  describe('Dovecot going away', () => {
    afterEach(async () => {
      await dovecot.start();
    });

    it('answers 503 upstream_unavailable with Retry-After while Dovecot is down, and recovers once it is back', async () => {
      const gw = appFor();
      // Warm the pool: its idle sessions die with the server.
      await request(gw.app).get('/mailbox/stat').set('Authorization', asAlice).expect(200);
      await dovecot.stop();

      for (const path of ['/mailbox/stat', '/mailbox/capabilities', '/messages', `/messages/${ids[0]}`, `/messages/${ids[0]}/raw`]) {
        const res = await request(gw.app).get(path).set('Authorization', asAlice);
        expectProblem(res, 503, 'upstream_unavailable');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      const fresh = await request(gw.app).get('/messages').set('Authorization', asAlice).set('Cache-Control', 'no-cache');
      expectProblem(fresh, 503, 'upstream_unavailable');
      const ready = await request(gw.app).get('/readyz').expect(503);
      expect(ready.body).toMatchObject({ checks: { upstream: 'unreachable' } });

      await dovecot.start();
      expect((await request(gw.app).get('/mailbox/stat').set('Authorization', asAlice).expect(200)).body as MailboxStat).toMatchObject({ count: 3 });
      expect(listingOf(await request(gw.app).get('/messages').set('Authorization', asAlice).expect(200)).items.map((i) => i.id)).toEqual([...ids].reverse());
    });

    it('cuts a raw download when Dovecot dies mid-message, and serves it whole once Dovecot is back', async () => {
      const gw = appFor();
      const server = await listening(gw.app);
      try {
        const cut = await getPausingMidBody(server.port, `/messages/${ids[2]}/raw`, () => dovecot.stop());
        expect(cut.status).toBe(200);
        expect(cut.complete).toBe(false);
        expect(cut.body.length).toBeGreaterThan(0);
        expect(cut.body.length).toBeLessThan(BIG_BYTES);
        const whole = largeMessage(BIG_BYTES);
        expect(cut.body.equals(whole.subarray(0, cut.body.length))).toBe(true);

        await dovecot.start();
        const res = await request(gw.app).get(`/messages/${ids[2]}/raw`).set('Authorization', asAlice).buffer(true).parse(bytes).expect(200);
        expect(bodyBytes(res).equals(whole)).toBe(true);
      } finally {
        await server.close();
      }
    });
  });
});

/**
 * GET over a real socket that stops reading after the first body bytes, runs `meanwhile`
 * (with the gateway and upstream buffers full), then reads whatever else arrives.
 */
function getPausingMidBody(port: number, path: string, meanwhile: () => Promise<void>): Promise<{ status: number; body: Buffer; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { Authorization: basic(ALICE.user, ALICE.password) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let paused = false;
      let settled = false;
      const finish = (): void => {
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), complete: res.complete });
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (paused) return;
        paused = true;
        res.pause();
        meanwhile().then(() => res.resume(), reject);
      });
      res.on('end', finish);
      res.on('error', finish);
      res.on('close', finish);
    });
    req.on('error', reject);
  });
}
