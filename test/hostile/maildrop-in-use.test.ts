/**
 * Another client (a phone's mail app) holds the maildrop: the server answers every login with
 * `-ERR [IN-USE]`. The pool keeps retrying until POP3_TIMEOUT_MS, and the 503 must then say
 * what the server said, not that the gateway's own sessions were busy.
 */
import request from 'supertest';
import { FakePop3Server } from '../support/fake-pop3-server';
import { basic } from '../support/basic-auth';
import { httpAppFor, type HttpApp } from '../support/http-app';
import { simpleMessage } from '../support/messages';

const ALICE = { user: 'alice', password: 'alice-pw' };
const LOCKED = 'Mailbox is locked by another POP3 session';
/** Long enough for several refused logins (the pool retries every 500 ms while it holds none). */
const TIMEOUT_MS = 2000;

describe('a maildrop that another client keeps locked', () => {
  let fake: FakePop3Server;
  let gw: HttpApp;

  beforeEach(async () => {
    fake = await FakePop3Server.start({ users: [{ name: ALICE.user, password: ALICE.password, messages: [simpleMessage()] }] });
    fake.on('PASS', (ctx) => ctx.reply(`-ERR [IN-USE] ${LOCKED}\r\n`));
    gw = httpAppFor(fake, { timeoutMs: TIMEOUT_MS, auth: 'user' });
  });

  afterEach(async () => {
    await gw?.close();
    await fake?.close();
  });

  test('is 503 upstream_unavailable that says so, with the server words in pop3 and a Retry-After', async () => {
    const res = await request(gw.app).get('/mailbox/stat').set('Authorization', basic(ALICE.user, ALICE.password)).expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toMatchObject({ code: 'upstream_unavailable', pop3: { respCode: 'IN-USE', text: LOCKED } });
    expect(res.body.detail).toMatch(/in use by another client/);
    expect(res.body.detail).not.toMatch(/stayed busy/);
    // It kept trying while it held no session, rather than giving up at the first refusal.
    expect(fake.transcript.filter((line) => line.startsWith('PASS')).length).toBeGreaterThan(1);
  });
});
