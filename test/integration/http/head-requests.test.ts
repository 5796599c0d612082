/**
 * HEAD of the message resources against a private Dovecot: the status and headers a GET
 * would have, errors included, answered from the session's snapshot. Dovecot's own logout
 * line counts the RETR and TOP commands of each session (`top=n/bytes, retr=n/bytes`), so
 * the tests read what the server saw, not what the gateway believes it sent.
 */
import request from 'supertest';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { readMailGem } from '../../support/fixtures';
import { basic } from '../../support/basic-auth';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { simpleMessage } from '../../support/messages';
import { waitFor } from '../../support/waiting';
import { asAlice, bytes, expectProblem, uidsOnServer } from './helpers';

/** RETR and TOP counts of every session Dovecot logged out so far. */
async function commandsSeen(dovecot: DovecotServer): Promise<{ sessions: number; retr: number; top: number }> {
  const counts = { sessions: 0, retr: 0, top: 0 };
  for (const match of (await dovecot.log()).matchAll(/top=(\d+)\/\d+, retr=(\d+)\/\d+/g)) {
    counts.sessions++;
    counts.top += Number(match[1]);
    counts.retr += Number(match[2]);
  }
  return counts;
}

describe('HEAD of message resources against Dovecot', () => {
  let dovecot: DovecotServer;
  let gw: HttpApp;
  let ids: string[];

  beforeEach(async () => {
    dovecot = await startDovecot();
    await dovecot.deliver('alice', simpleMessage({ subject: 'one' }));
    await dovecot.deliver('alice', readMailGem('attachment_emails_attachment_nonascii_filename.eml'));
    ids = await uidsOnServer(dovecot);
    gw = httpAppFor(dovecot, { timeoutMs: 5000, pool: { maxAgeMs: 60_000 } });
  });

  afterEach(async () => {
    await gw?.close();
    await dovecot?.close();
  });

  /** Closes the gateway (every session QUITs) and waits for Dovecot to log each logout. */
  async function closeAndCount(sessionsBefore: number): Promise<{ sessions: number; retr: number; top: number }> {
    await gw.close();
    await waitFor(async () => (await dovecot.sessionCount()) === 0, { timeoutMs: 10_000, what: 'every session closed' });
    await waitFor(async () => (await commandsSeen(dovecot)).sessions > sessionsBefore, { timeoutMs: 10_000, what: 'the logout lines in the log' });
    return commandsSeen(dovecot);
  }

  it.each([
    ['the parsed message', '', /^application\/json; charset=utf-8$/],
    ['the raw message', '/raw', /^message\/rfc822/],
    ['the header block', '/headers', /^application\/json; charset=utf-8$/],
  ])('answers HEAD of %s with the GET status, ETag and Content-Type, without RETR or TOP', async (_what, suffix, contentType) => {
    const before = (await commandsSeen(dovecot)).sessions;
    const head = await request(gw.app).head(`/messages/${ids[1]}${suffix}`).set('Authorization', asAlice).expect(200);
    expect(head.headers['content-type']).toMatch(contentType);
    expect(head.headers['content-length']).toBeUndefined();
    expect(head.headers['x-content-type-options']).toBe('nosniff');
    const etag = head.headers.etag as string;
    await request(gw.app).head(`/messages/${ids[1]}${suffix}`).set('Authorization', asAlice).set('If-None-Match', etag).expect(304);
    expect(await closeAndCount(before)).toMatchObject({ retr: 0, top: 0 });

    // The GET it stands for agrees, and is what Dovecot would count (a RETR or a TOP).
    gw = httpAppFor(dovecot, { timeoutMs: 5000 });
    // Identity: a compressed JSON answer has its own ETag ("…+gzip"), which HEAD cannot know.
    const get = await request(gw.app).get(`/messages/${ids[1]}${suffix}`).set('Authorization', asAlice).set('Accept-Encoding', 'identity').buffer(true).parse(bytes).expect(200);
    expect(get.headers.etag).toBe(etag);
    expect(get.headers['content-type']).toMatch(contentType);
    if (suffix === '/raw') expect(get.headers['content-security-policy']).toBe(head.headers['content-security-policy']);
    const after = await closeAndCount((await commandsSeen(dovecot)).sessions);
    expect(after.retr + after.top).toBe(1);
  });

  it('answers HEAD with the GET errors: 404 for an unknown id, 401 for a wrong password, 400 for a bad id', async () => {
    const before = (await commandsSeen(dovecot)).sessions;
    // Room for the wrong password's own sessions beside alice's (404s re-check on new ones).
    await gw.close();
    gw = httpAppFor(dovecot, { timeoutMs: 5000, pool: { maxPerMailbox: 10 } });
    for (const suffix of ['', '/raw', '/headers']) {
      const missing = await request(gw.app).head(`/messages/no-such-id${suffix}`).set('Authorization', asAlice);
      expect({ status: missing.status, type: missing.headers['content-type'] }).toEqual({ status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
      const refused = await request(gw.app).head(`/messages/${ids[0]}${suffix}`).set('Authorization', basic('alice', 'wrong'));
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Basic realm="popgate"');
      expect((await request(gw.app).head(`/messages/a%20b${suffix}`).set('Authorization', asAlice)).status).toBe(400);
      expect((await request(gw.app).head(`/messages/${ids[0]}${suffix}`)).status).toBe(401);
    }
    // The same errors to GET, for comparison.
    expectProblem(await request(gw.app).get('/messages/no-such-id/raw').set('Authorization', asAlice), 404, 'message_not_found');
    expect(await closeAndCount(before)).toMatchObject({ retr: 0, top: 0 });
  });

  it('answers HEAD with 413 where GET would refuse a message over MAX_MESSAGE_BYTES', async () => {
    await gw.close();
    gw = httpAppFor(dovecot, { timeoutMs: 5000, maxMessageBytes: 100 });
    expect((await request(gw.app).head(`/messages/${ids[1]}/raw`).set('Authorization', asAlice)).status).toBe(413);
    expect((await request(gw.app).head(`/messages/${ids[1]}`).set('Authorization', asAlice)).status).toBe(413);
    expectProblem(await request(gw.app).get(`/messages/${ids[1]}/raw`).set('Authorization', asAlice), 413, 'message_too_large');
  });
});
