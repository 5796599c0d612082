/**
 * A pooled session's snapshot can go stale under it: Courier renames the Maildir files that
 * another client marked Seen, so the old session's RETR/TOP of them gets a plain `-ERR` while a
 * new session reads them; and its QUIT can say +OK for a deletion it did not commit. Neither
 * may reach the caller as a false 404 or a false 204. (test/integration/courier has the real
 * server; this fake commits exactly these faults, deterministically.)
 */
import request from 'supertest';
import { FakePop3Server } from '../support/fake-pop3-server';
import { basic } from '../support/basic-auth';
import { httpAppFor, type HttpApp } from '../support/http-app';
import { simpleMessage } from '../support/messages';
import { bytes } from '../support/streams';

const ALICE = { user: 'alice', password: 'alice-pw' };
const MESSAGES = [simpleMessage({ subject: 'one' }), simpleMessage({ subject: 'two' })];

let fake: FakePop3Server;
let gw: HttpApp;

beforeEach(async () => {
  fake = await FakePop3Server.start({ users: [{ name: ALICE.user, password: ALICE.password, messages: MESSAGES }] });
  gw = httpAppFor(fake, { timeoutMs: 5000, auth: 'user' });
});

afterEach(async () => {
  await gw?.close();
  await fake?.close();
});

const as = (req: request.Test) => req.set('Authorization', basic(ALICE.user, ALICE.password));
const get = (path: string) => as(request(gw.app).get(path));
const logins = (): number => fake.transcript.filter((line) => line.startsWith('PASS')).length;

/** Lists through the gateway (one pooled session, connection 1) and returns the ids, oldest first. */
async function listIds(): Promise<string[]> {
  const res = await get('/messages?order=asc').expect(200);
  return (res.body as { items: { id: string }[] }).items.map((item) => item.id);
}

describe('a pooled session whose snapshot went stale', () => {
  /** The first connection's RETR and TOP answer a plain -ERR, as Courier's do after another client's read. */
  function staleFirstSession(): void {
    const refuse = (ctx: Parameters<Parameters<FakePop3Server['on']>[1]>[0]) =>
      ctx.connectionNumber === 1 ? ctx.reply('-ERR Cannot open message\r\n') : ctx.default();
    fake.on('RETR', refuse);
    fake.on('TOP', refuse);
  }

  test.each([
    ['the parsed message', (id: string) => `/messages/${id}`],
    ['the raw message', (id: string) => `/messages/${id}/raw`],
    ['the header block', (id: string) => `/messages/${id}/headers`],
    ['an attachment', (id: string) => `/messages/${id}/attachments/0`],
  ])('%s is read on a new session instead of answering 404', async (what, pathOf) => {
    const [first] = await listIds();
    staleFirstSession();
    const res = await get(pathOf(first!)).buffer(true).parse(bytes);
    // simpleMessage has no attachment: 404 attachment_not_found proves the message itself was read.
    if (what === 'an attachment') expect(JSON.parse(String(res.body))).toMatchObject({ status: 404, code: 'attachment_not_found' });
    else expect(res.status).toBe(200);
    if (what === 'the raw message') expect((res.body as Buffer).equals(MESSAGES[0]!)).toBe(true);
    expect(logins()).toBe(2);
  });

  test('the stale session is retired: the next read goes to the new session, with no third login', async () => {
    const [first, second] = await listIds();
    staleFirstSession();
    await get(`/messages/${first}`).expect(200);
    await get(`/messages/${second}`).expect(200);
    expect(logins()).toBe(2);
  });

  test('a plain -ERR on a session logged in for this request is a 404 at once, with no second login', async () => {
    const [first] = await listIds();
    fake.on('RETR', (ctx) => ctx.reply('-ERR No such message\r\n'));
    const res = await get(`/messages/${first}`).set('Cache-Control', 'no-cache').expect(404);
    expect(res.body.code).toBe('message_not_found');
    expect(logins()).toBe(2);
  });
});

describe('DELETE', () => {
  test('runs on a session logged in for the request, never the pooled one, and a new session confirms it', async () => {
    const [first, second] = await listIds();
    let deleOn = 0;
    fake.on('DELE', (ctx) => {
      deleOn = ctx.connectionNumber;
      return ctx.default();
    });
    await as(request(gw.app).delete(`/messages/${first}`)).expect(204);
    // Connection 1 is the pooled session the listing used; DELE went to a new one (2), and a
    // third login confirmed the id gone.
    expect(deleOn).toBe(2);
    expect(logins()).toBe(3);
    expect(await listIds()).toEqual([second]);
  });

  test('a QUIT that says +OK but keeps the message is 502, never 204', async () => {
    const [first] = await listIds();
    // Courier after another client's read: +OK, and the renamed file stays.
    fake.on('QUIT', (ctx) => ctx.close(100, '+OK Bye-bye.\r\n'));
    const res = await as(request(gw.app).delete(`/messages/${first}`)).expect(502);
    expect(res.body).toMatchObject({ code: 'upstream_protocol_error' });
    expect(res.body.detail).toMatch(/accepted the deletion .* but a session logged in afterwards still lists it/);
  });

  test('an id the new session does not hold is 404 without DELE', async () => {
    await listIds();
    const res = await as(request(gw.app).delete('/messages/no-such-uid')).expect(404);
    expect(res.body.code).toBe('message_not_found');
    expect(fake.transcript.some((line) => line.startsWith('DELE'))).toBe(false);
  });
});
