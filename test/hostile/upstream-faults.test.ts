/**
 * A hostile or broken POP3 server costs one request a 5xx — never the process, never the
 * next request on the same mailbox, never another mailbox (docs/reliability.md, "A hostile or broken POP3 server").
 * Every fault is injected for alice only; bob shares the server and keeps working.
 */
import tls from 'node:tls';
import request from 'supertest';
import { FakePop3Server, TEN_MEGABYTES, type FakeContext, type FakeHandler, type FakePop3ServerOptions } from '../support/fake-pop3-server';
import { basic } from '../support/basic-auth';
import { httpAppFor, listening, streamGet, type HttpApp } from '../support/http-app';
import { dotLinesMessage, simpleMessage } from '../support/messages';
import { bytes } from '../support/streams';
import { waitFor } from '../support/waiting';

const realTlsConnect = tls.connect;

/**
 * POP3_TIMEOUT_MS for every test here, so it must not fire where no fault is injected: a busy
 * machine can take hundreds of milliseconds for a TLS handshake or a burst of 1-byte chunks.
 */
const TIMEOUT_MS = 2000;
/** A failure caused by a timeout must arrive within POP3_TIMEOUT_MS and this much more (wide, for a busy machine). */
const MARGIN_MS = 3000;

const ALICE = { user: 'alice', password: 'alice-pw' };
const BOB = { user: 'bob', password: 'bob-pw' };
const ALICE_MESSAGES = [simpleMessage({ subject: 'one' }), dotLinesMessage(), simpleMessage({ subject: 'three', body: 'x'.repeat(4000) })];
const BOB_MESSAGES = [simpleMessage({ subject: 'for bob' })];

describe('a hostile POP3 server', () => {
  let fake: FakePop3Server;
  let gw: HttpApp;
  /** Which user logged in on which connection (the fake sees USER before any hook needs it). */
  let userOf: Map<number, string>;

  async function start(options: FakePop3ServerOptions = {}): Promise<void> {
    fake = await FakePop3Server.start({
      users: [
        { name: ALICE.user, password: ALICE.password, messages: ALICE_MESSAGES },
        { name: BOB.user, password: BOB.password, messages: BOB_MESSAGES },
      ],
      ...options,
    });
    userOf = new Map();
    fake.on('USER', async (ctx) => {
      userOf.set(ctx.connectionNumber, ctx.args[0] ?? '');
      await ctx.default();
    });
    // USER/PASS, so the fake knows each connection's user before any command hook runs.
    gw = httpAppFor(fake, { timeoutMs: TIMEOUT_MS, auth: 'user' });
  }

  afterEach(async () => {
    await gw?.close();
    await fake?.close();
  });

  /** `handler` on alice's connections; everyone else gets the normal answer. */
  function forAlice(handler: FakeHandler): FakeHandler {
    return (ctx: FakeContext) => (userOf.get(ctx.connectionNumber) === ALICE.user ? handler(ctx) : ctx.default());
  }

  function get(who: { user: string; password: string }, path: string) {
    return request(gw.app).get(path).set('Authorization', basic(who.user, who.password));
  }

  async function idsOf(who: { user: string; password: string }): Promise<string[]> {
    const res = await get(who, '/messages?order=asc').expect(200);
    return (res.body as { items: { id: string }[] }).items.map((item) => item.id);
  }

  /** The mailbox answers correctly: listing, and raw bytes equal to what was delivered. */
  async function expectWorks(who: { user: string; password: string }, messages: Buffer[]): Promise<void> {
    const ids = await idsOf(who);
    expect(ids).toHaveLength(messages.length);
    const last = messages.length - 1;
    const raw = await get(who, `/messages/${encodeURIComponent(ids[last]!)}/raw`)
      .buffer(true)
      .parse(bytes)
      .expect(200);
    expect((raw.body as Buffer).equals(messages[last]!)).toBe(true);
  }

  async function expectBothMailboxesWork(): Promise<void> {
    await expectWorks(ALICE, ALICE_MESSAGES);
    await expectWorks(BOB, BOB_MESSAGES);
  }

  function expectProblem(res: request.Response, status: number, code: string): void {
    expect({ status: res.status, type: res.type, code: (res.body as { code?: string }).code }).toEqual({
      status,
      type: 'application/problem+json',
      code,
    });
  }

  /** Both mailboxes hold a pooled session, so bob never needs a new connection while alice's fault is armed. */
  async function warmUp(): Promise<void> {
    await idsOf(ALICE);
    await idsOf(BOB);
  }

  describe('before the session exists', () => {
    it('answers 504 within POP3_TIMEOUT_MS when the greeting never arrives, while bob is served', async () => {
      await start();
      await warmUp();
      fake.greeting = (ctx) => {
        fake.greeting = undefined;
        ctx.stall();
      };
      const started = Date.now();
      const [alice, bob] = await Promise.all([
        get(ALICE, '/mailbox/stat').set('Cache-Control', 'no-cache'),
        get(BOB, '/mailbox/stat'),
      ]);
      expectProblem(alice, 504, 'upstream_timeout');
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      expect(bob.status).toBe(200);
      await expectBothMailboxesWork();
    });

    it('answers 503 with Retry-After to a negative greeting, with the server\'s words', async () => {
      await start();
      await warmUp();
      fake.greeting = async (ctx) => {
        fake.greeting = undefined;
        await ctx.reply('-ERR [SYS/TEMP] maintenance, back soon\r\n');
      };
      const alice = await get(ALICE, '/mailbox/stat').set('Cache-Control', 'no-cache');
      expectProblem(alice, 503, 'upstream_unavailable');
      expect(alice.headers['retry-after']).toMatch(/^\d+$/);
      expect(alice.body.pop3).toEqual({ respCode: 'SYS/TEMP', text: 'maintenance, back soon' });
      await expectBothMailboxesWork();
    });

    it('refuses a STLS answer followed by injected plaintext before the handshake (503), then upgrades cleanly', async () => {
      await start({ tls: 'starttls' });
      await warmUp();
      fake.once('STLS', (ctx) => ctx.startTls('+OK injected\r\n'));
      const alice = await get(ALICE, '/mailbox/stat').set('Cache-Control', 'no-cache');
      expectProblem(alice, 503, 'upstream_unavailable');
      expect(alice.body.detail).toMatch(/before the TLS handshake/);
      // Nothing was sent on the poisoned session: no USER after the injected STLS.
      const afterStls = fake.transcript.slice(fake.transcript.lastIndexOf('STLS') + 1);
      expect(afterStls).not.toContain(`USER ${ALICE.user}`);
      await expectBothMailboxesWork();
    });
  });

  describe('at login', () => {
    it.each([
      ['IN-USE', 'maildrop locked by another session'],
      ['LOGIN-DELAY', 'wait 10 minutes between logins'],
      ['SYS/TEMP', 'try again later'],
    ])('answers [%s] with 503 and Retry-After', async (respCode, text) => {
      await start();
      await idsOf(BOB);
      fake.on('PASS', forAlice((ctx) => ctx.reply(`-ERR [${respCode}] ${text}\r\n`)));
      const started = Date.now();
      const alice = await get(ALICE, '/mailbox/stat');
      expectProblem(alice, 503, 'upstream_unavailable');
      expect(Number(alice.headers['retry-after'])).toBeGreaterThan(0);
      // RFC 2449 LOGIN-DELAY: the server wants minutes between logins, not seconds.
      if (respCode === 'LOGIN-DELAY') expect(alice.headers['retry-after']).toBe('60');
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      if (respCode !== 'IN-USE') expect(alice.body.pop3).toEqual({ respCode, text });
      await expectWorks(BOB, BOB_MESSAGES);
      fake.off('PASS');
      await expectBothMailboxesWork();
    });

    it('answers [SYS/PERM] with 502 and the server\'s words', async () => {
      await start();
      fake.on('PASS', forAlice((ctx) => ctx.reply('-ERR [SYS/PERM] account disabled\r\n')));
      const alice = await get(ALICE, '/mailbox/stat');
      expectProblem(alice, 502, 'upstream_protocol_error');
      expect(alice.headers['retry-after']).toBeUndefined();
      expect(alice.body.pop3).toEqual({ respCode: 'SYS/PERM', text: 'account disabled' });
      await expectWorks(BOB, BOB_MESSAGES);
      fake.off('PASS');
      await expectBothMailboxesWork();
    });
  });

  describe('in the middle of a conversation', () => {
    it('reads a listing and a RETR correctly when every reply arrives one byte at a time', async () => {
      await start();
      fake.greeting = (ctx) => ctx.reply(ctx.defaultReply(), { chunkSize: 1 });
      fake.on('*', forAlice((ctx) => ctx.reply(ctx.defaultReply(), { chunkSize: 1 })));
      await expectWorks(ALICE, ALICE_MESSAGES);
      const ids = await idsOf(ALICE);
      // The dot-lines message: every ".", ".." and "..x" line survives unstuffing across 1-byte chunks.
      const raw = await get(ALICE, `/messages/${encodeURIComponent(ids[1]!)}/raw`).buffer(true).expect(200);
      expect(Buffer.from(raw.text, 'latin1').equals(ALICE_MESSAGES[1]!)).toBe(true);
      const parsed = await get(ALICE, `/messages/${encodeURIComponent(ids[2]!)}`).expect(200);
      expect(parsed.body.subject).toBe('three');
      await expectWorks(BOB, BOB_MESSAGES);
    });

    it('answers 502 to a parsed message whose RETR is reset mid-reply, and cuts a raw stream that already started', async () => {
      await start();
      const ids = await idsOf(ALICE);
      const big = encodeURIComponent(ids[2]!);
      fake.on('RETR', forAlice((ctx) => ctx.reset(600)));

      const parsed = await get(ALICE, `/messages/${big}`);
      expectProblem(parsed, 502, 'upstream_protocol_error');

      const server = await listening(gw.app);
      try {
        const raw = await streamGet(server.port, `/messages/${big}/raw`, { Authorization: basic(ALICE.user, ALICE.password) });
        // The status line came before the reset, so the headers were out: the client sees the
        // body cut (no final chunk), holding a true prefix of the message — never a short "complete" one.
        expect(raw.status).toBe(200);
        expect(raw.complete).toBe(false);
        expect(raw.body.length).toBeLessThan(ALICE_MESSAGES[2]!.length);
        expect(raw.body.equals(ALICE_MESSAGES[2]!.subarray(0, raw.body.length))).toBe(true);
      } finally {
        await server.close();
      }
      fake.off('RETR');
      await expectBothMailboxesWork();
    });

    it('answers 504 within POP3_TIMEOUT_MS when RETR stalls mid-body, cuts a started raw stream, and serves the next request', async () => {
      await start();
      const ids = await idsOf(ALICE);
      const big = encodeURIComponent(ids[2]!);
      fake.on(
        'RETR',
        forAlice(async (ctx) => {
          await ctx.write(ctx.defaultReply().subarray(0, 700));
          ctx.stall();
        }),
      );

      let started = Date.now();
      const parsed = await get(ALICE, `/messages/${big}`);
      expectProblem(parsed, 504, 'upstream_timeout');
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);

      const server = await listening(gw.app);
      try {
        started = Date.now();
        const raw = await streamGet(server.port, `/messages/${big}/raw`, { Authorization: basic(ALICE.user, ALICE.password) });
        expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
        // Headers were out when the stall began: the body is cut once POP3_TIMEOUT_MS passes.
        expect(raw.status).toBe(200);
        expect(raw.complete).toBe(false);
        expect(raw.body.equals(ALICE_MESSAGES[2]!.subarray(0, raw.body.length))).toBe(true);
      } finally {
        await server.close();
      }
      fake.off('RETR');
      await expectBothMailboxesWork();
    });

    it('answers 502 to a 10 MB status line without CRLF, reading only a bounded part of it', async () => {
      // Every upstream socket the gateway opens, to see how much of the endless line it read.
      const sockets: tls.TLSSocket[] = [];
      const connect = jest.spyOn(tls, 'connect').mockImplementation((...args: Parameters<typeof tls.connect>) => {
        const socket = realTlsConnect(...args);
        sockets.push(socket);
        return socket;
      });
      try {
        await start();
        await warmUp();
        const [first] = await idsOf(ALICE);
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        fake.on(
          'TOP',
          forAlice(async (ctx) => {
            // Streamed from one 64 KB buffer, so the fake itself never holds 10 MB in this process.
            for (let sent = 0; sent < TEN_MEGABYTES; sent += chunk.length) await ctx.write(chunk);
          }),
        );
        const readBefore = sockets.reduce((sum, socket) => sum + socket.bytesRead, 0);
        const baseline = process.memoryUsage().heapUsed;
        let peak = baseline;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
        const alice = await get(ALICE, `/messages/${encodeURIComponent(first!)}/headers`);
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        const readDuring = sockets.reduce((sum, socket) => sum + socket.bytesRead, 0) - readBefore;

        expectProblem(alice, 502, 'upstream_protocol_error');
        expect(alice.body.detail).toMatch(/512/);
        // The fake offered 10 MB to each of the two attempts (the read is retried once on a new session).
        expect(readDuring).toBeLessThan(1024 * 1024);
        expect(peak - baseline).toBeLessThan(5 * 1024 * 1024);
      } finally {
        connect.mockRestore();
      }
      fake.off('TOP');
      await expectBothMailboxesWork();
    });

    it('answers 502 to garbage instead of +OK', async () => {
      await start();
      await warmUp();
      const [first] = await idsOf(ALICE);
      fake.on('TOP', forAlice((ctx) => ctx.reply('HTTP/1.1 400 Bad Request\r\n')));
      const alice = await get(ALICE, `/messages/${encodeURIComponent(first!)}/headers`);
      expectProblem(alice, 502, 'upstream_protocol_error');
      const [bobs] = await idsOf(BOB);
      expect((await get(BOB, `/messages/${encodeURIComponent(bobs!)}/headers`)).status).toBe(200);
      fake.off('TOP');
      await expectBothMailboxesWork();
    });

    it('destroys a session that received unsolicited bytes between commands: the next request uses a new connection', async () => {
      await start();
      await warmUp();
      const [first] = await idsOf(ALICE);
      const headers = `/messages/${encodeURIComponent(first!)}/headers`;
      let surprised = 0;
      fake.once(
        'TOP',
        forAlice(async (ctx) => {
          await ctx.default();
          await new Promise((resolve) => setTimeout(resolve, 30));
          await ctx.write('+OK\r\nSubject: injected\r\n\r\n.\r\n');
          surprised = ctx.connectionNumber;
        }),
      );
      const before = await get(ALICE, headers).expect(200);
      expect(before.body.headers.subject).toEqual(['one']);
      await waitFor(() => surprised > 0);
      await new Promise((resolve) => setTimeout(resolve, 50));

      const connectionsBefore = fake.connections;
      const after = await get(ALICE, headers).expect(200);
      // Had the session been reused, the injected reply would have been read as this TOP's answer.
      expect(after.body.headers.subject).toEqual(['one']);
      expect(fake.connections).toBe(connectionsBefore + 1);
      await expectBothMailboxesWork();
    });
  });

  describe('servers that bend the rules', () => {
    it('falls back to message numbers as ids when the server has no UIDL, and says stableIds: false', async () => {
      await start({ uidl: false });
      const capabilities = await get(ALICE, '/mailbox/capabilities').expect(200);
      expect(capabilities.body.stableIds).toBe(false);
      expect(capabilities.body.capabilities.UIDL).toBeUndefined();
      expect(await idsOf(ALICE)).toEqual(['1', '2', '3']);
      const raw = await get(ALICE, '/messages/2/raw').buffer(true).expect(200);
      expect(Buffer.from(raw.text, 'latin1').equals(ALICE_MESSAGES[1]!)).toBe(true);
      await expectWorks(BOB, BOB_MESSAGES);
    });

    it('streams the bytes RETR really sends when LIST announced a different size', async () => {
      await start();
      fake.on('LIST', forAlice((ctx) => ctx.reply(ctx.defaultReply().toString('latin1').replace(/^(\d+) \d+\r\n/gm, '$1 5\r\n'))));
      const listing = await get(ALICE, '/messages?order=asc').expect(200);
      expect(listing.body.items.map((item: { size: number }) => item.size)).toEqual([5, 5, 5]);
      await expectWorks(ALICE, ALICE_MESSAGES);
      const raw = await get(ALICE, `/messages/${encodeURIComponent(listing.body.items[0].id as string)}/raw`).buffer(true).expect(200);
      // No Content-Length from LIST's claim: it would cut the body at 5 bytes.
      expect(raw.headers['content-length'] ?? String(ALICE_MESSAGES[0]!.length)).toBe(String(ALICE_MESSAGES[0]!.length));
      expect(Buffer.from(raw.text, 'latin1').equals(ALICE_MESSAGES[0]!)).toBe(true);
      const parsed = await get(ALICE, `/messages/${encodeURIComponent(listing.body.items[2].id as string)}`).expect(200);
      expect(parsed.body.text).toContain('x'.repeat(4000));
      await expectWorks(BOB, BOB_MESSAGES);
    });
  });
});

