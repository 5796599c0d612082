/**
 * popgate against Courier's pop3d (issue 15): what another client does to the maildrop while
 * popgate holds a pooled session that listed before.
 *
 * Courier marks a message Seen on RETR by renaming its Maildir file; a session that listed
 * before still holds the old name, so its RETR/TOP of that message gets `-ERR` and its
 * DELE + QUIT say `+OK` without removing anything. Each test has a user of its own, so the
 * states do not mix; the pool keeps one session per mailbox, so the gateway's reads after its
 * listing go to the session that listed.
 */
import request from 'supertest';
import type { MessageList } from '../../../src/models/message';
import type { ProblemJson } from '../../../src/models/problem';
import { asRetrievedFromCourier, startCourier, type CourierServer } from '../../support/courier';
import { basic } from '../../support/basic-auth';
import { httpAppFor, type HttpApp } from '../../support/http-app';
import { bodyBytes, bytes } from '../http/helpers';

jest.setTimeout(120_000);

const USERS = [
  { name: 'reader', password: 'reader-secret' },
  { name: 'deleter', password: 'deleter-secret' },
  { name: 'shifter', password: 'shifter-secret' },
  { name: 'unicode', password: 'unicode-secret' },
];
/** 8-bit bytes in a header: without UTF8, Courier would send a per-session wrapper instead. */
const EIGHT_BIT_HEADER = Buffer.from('From: a@example.com\nSubject: caf\u00e9 in a header\nMessage-ID: <u8@example.com>\n\nascii body\n', 'utf8');
const as = (name: string): string => basic(name, `${name}-secret`);

/** Plain ASCII messages with Unix line ends, as Courier stores them (no 8-bit header: Courier would re-wrap those). */
function storedMessage(user: string, n: number): Buffer {
  return Buffer.from(
    `From: Sender <sender@example.com>\nTo: ${user}@example.com\nSubject: message ${n} for ${user}\n` +
      `Date: Tue, 2 Jan 2024 03:04:0${n} +0000\nMessage-ID: <${user}-${n}@example.com>\n` +
      `MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\nBody of message ${n}.\n.\nThe end.\n`,
  );
}

describe('popgate against Courier pop3d, while another client reads and deletes', () => {
  let courier: CourierServer;
  let gw: HttpApp;
  const stored = new Map<string, Buffer[]>();

  beforeAll(async () => {
    courier = await startCourier({ users: USERS });
    for (const u of USERS) {
      const messages = u.name === 'unicode' ? [EIGHT_BIT_HEADER] : [1, 2, 3, 4].map((n) => storedMessage(u.name, n));
      stored.set(u.name, messages);
      for (const m of messages) await courier.deliver(u.name, m);
    }
    // The first session of each user moves new/ to cur/ and writes the UIDL list.
    await courier.settle();
    // One pooled session per mailbox: the reads after a listing reuse the session that listed.
    gw = httpAppFor(courier, { timeoutMs: 10_000, pool: { maxPerMailbox: 1 } });
  });

  afterAll(async () => {
    await gw?.close();
    await courier?.close();
  });

  /** GET /messages (oldest first): the ids in POP3 order, listed by the gateway's pooled session. */
  async function listThroughGateway(user: string): Promise<string[]> {
    const res = await request(gw.app).get('/messages?order=asc').set('Authorization', as(user)).set('Cache-Control', 'no-cache').expect(200);
    const ids = (res.body as MessageList).items.map((item) => item.id);
    expect(ids).toEqual((await courier.uidls(user)).map((e) => e.uid));
    return ids;
  }

  /** Another client (a phone, poplib) RETRieves messages `numbers` and QUITs: Courier renames them Seen. */
  async function otherClientReads(user: string, numbers: number[]): Promise<void> {
    await courier.asOtherClient(user, async (client) => {
      for (const n of numbers) for await (const chunk of await client.retr(n)) void chunk;
    });
    const seen = (await courier.maildirFiles(user)).filter((f) => f.endsWith(':2,S'));
    expect(seen).toHaveLength(numbers.length);
  }

  it('reads messages another client has RETRieved since popgate listed: 200 with their bytes, not 404', async () => {
    const user = 'reader';
    const ids = await listThroughGateway(user);
    await otherClientReads(user, [1, 2]);

    const answers: Record<string, number> = {};
    for (const [i, id] of ids.slice(0, 2).entries()) {
      const parsed = await request(gw.app).get(`/messages/${encodeURIComponent(id)}`).set('Authorization', as(user));
      const raw = await request(gw.app).get(`/messages/${encodeURIComponent(id)}/raw`).set('Authorization', as(user)).buffer(true).parse(bytes);
      const headers = await request(gw.app).get(`/messages/${encodeURIComponent(id)}/headers`).set('Authorization', as(user));
      answers[`${id} parsed`] = parsed.status;
      answers[`${id} raw`] = raw.status;
      answers[`${id} headers`] = headers.status;
      if (raw.status === 200) {
        expect(bodyBytes(raw)).toEqual(asRetrievedFromCourier(stored.get(user)![i]!));
      }
    }
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, 200])));
    // The message is still there for everyone.
    expect((await courier.uidls(user)).map((e) => e.uid)).toEqual(ids);
  });

  it('DELETE of a message another client has RETRieved: 204 only when it is really gone, else 502 upstream_protocol_error', async () => {
    const user = 'deleter';
    const ids = await listThroughGateway(user);
    await otherClientReads(user, [1]);
    const target = ids[0]!;

    const res = await request(gw.app).delete(`/messages/${encodeURIComponent(target)}`).set('Authorization', as(user));
    const after = (await courier.uidls(user)).map((e) => e.uid);
    const outcome =
      res.status === 204
        ? { status: 204, stillOnServer: after.includes(target) }
        : { status: res.status, code: (JSON.parse(res.text || '{}') as Partial<ProblemJson>).code };
    // Either answer is right; a 204 for a message the server kept is not.
    expect(outcome).toEqual(res.status === 204 ? { status: 204, stillOnServer: false } : { status: 502, code: 'upstream_protocol_error' });
    // Nothing else was deleted.
    expect(after).toEqual(expect.arrayContaining(ids.slice(1)));
  });

  it('after another client deletes a message, the others still read with their own bytes (numbers shift)', async () => {
    const user = 'shifter';
    const ids = await listThroughGateway(user);
    const messages = stored.get(user)!;
    // Another client deletes message 1: in any newer session, message n is the old n + 1.
    await courier.asOtherClient(user, (client) => client.dele(1));
    expect((await courier.uidls(user)).map((e) => e.uid)).toEqual(ids.slice(1));

    for (const i of [3, 1, 2]) {
      const raw = await request(gw.app).get(`/messages/${encodeURIComponent(ids[i]!)}/raw`).set('Authorization', as(user)).buffer(true).parse(bytes);
      expect({ id: ids[i], status: raw.status }).toEqual({ id: ids[i], status: 200 });
      expect(bodyBytes(raw)).toEqual(asRetrievedFromCourier(messages[i]!));
    }
    const gone = await request(gw.app).get(`/messages/${encodeURIComponent(ids[0]!)}/raw`).set('Authorization', as(user));
    expect(gone.status).toBe(404);
    // A fresh listing has the three that are left, and they still read right.
    expect(await listThroughGateway(user)).toEqual(ids.slice(1));
    const raw = await request(gw.app).get(`/messages/${encodeURIComponent(ids[1]!)}/raw`).set('Authorization', as(user)).buffer(true).parse(bytes).expect(200);
    expect(bodyBytes(raw)).toEqual(asRetrievedFromCourier(messages[1]!));
  });

  it('serves a message with an 8-bit header as stored, the same bytes from every session (UTF8 was sent)', async () => {
    const [id] = await listThroughGateway('unicode');
    const raw = async (): Promise<Buffer> =>
      bodyBytes(await request(gw.app).get(`/messages/${encodeURIComponent(id!)}/raw`).set('Authorization', as('unicode')).set('Cache-Control', 'no-cache').buffer(true).parse(bytes).expect(200));
    const [first, second] = [await raw(), await raw()];
    expect(first).toEqual(asRetrievedFromCourier(EIGHT_BIT_HEADER));
    expect(second).toEqual(first);
    const parsed = await request(gw.app).get(`/messages/${encodeURIComponent(id!)}`).set('Authorization', as('unicode')).expect(200);
    expect(parsed.body).toMatchObject({ subject: 'caf\u00e9 in a header', messageId: '<u8@example.com>' });
  });
});
