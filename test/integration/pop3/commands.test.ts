/**
 * Every POP3 command of the client against a real Dovecot, on a maildrop of known messages.
 */
import {
  MessageTooLargeError,
  Pop3ArgumentError,
  Pop3Client,
  Pop3ServerError,
  type UidlEntry,
} from '../../../src/pop3';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { simpleMessage } from '../../support/messages';
import { readAll } from '../../support/streams';
import { emptyMailbox, implicitTls, loggedIn } from './helpers';

let server: DovecotServer;
let messages: Buffer[];
let client: Pop3Client | null = null;

/** A second, independent session: what another client of the same maildrop sees. */
async function viewFromAnotherSession(): Promise<{ count: number; uidl: UidlEntry[] }> {
  const other = await loggedIn(server);
  try {
    const { count } = await other.stat();
    return { count, uidl: await other.uidl() };
  } finally {
    await other.quit();
  }
}

beforeAll(async () => {
  server = await startDovecot();
});

afterAll(async () => {
  await server?.close();
});

beforeEach(async () => {
  await emptyMailbox(server);
  messages = [
    simpleMessage({ subject: 'first', body: 'one\r\ntwo\r\nthree' }),
    simpleMessage({ subject: 'second', body: 'four\r\nfive' }),
    simpleMessage({ subject: 'third', body: 'six' }),
  ];
  for (const m of messages) await server.deliver('alice', m);
  client = await loggedIn(server);
});

afterEach(() => {
  client?.destroy();
  client = null;
});

function session(): Pop3Client {
  if (!client) throw new Error('no session');
  return client;
}

describe('CAPA', () => {
  it('lists what Dovecot supports after login', async () => {
    const caps = await session().capa();
    expect(caps).toEqual({ CAPA: [], TOP: [], UIDL: [], 'RESP-CODES': [], PIPELINING: [], 'AUTH-RESP-CODE': [] });
    expect(session().capabilities).toEqual(caps);
  });
});

describe('STAT and LIST', () => {
  it('STAT counts the messages and adds up their sizes', async () => {
    const size = messages.reduce((sum, m) => sum + m.length, 0);
    expect(await session().stat()).toEqual({ count: 3, size });
  });

  it('LIST gives every message number with its size in octets', async () => {
    expect(await session().list()).toEqual(messages.map((m, i) => ({ number: i + 1, size: m.length })));
  });

  it('LIST n gives one message', async () => {
    expect(await session().listOne(2)).toEqual({ number: 2, size: messages[1]!.length });
  });

  it('LIST n of a message that does not exist is a server error, and the session goes on', async () => {
    const error = await session().listOne(99).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pop3ServerError);
    expect((error as Pop3ServerError).command).toBe('LIST');
    expect(session().usable).toBe(true);
    expect((await session().stat()).count).toBe(3);
  });

  it('refuses a message number that is not a positive integer before sending it', async () => {
    await expect(session().listOne(0)).rejects.toBeInstanceOf(Pop3ArgumentError);
    await expect(session().retr(1.5)).rejects.toBeInstanceOf(Pop3ArgumentError);
    expect((await session().stat()).count).toBe(3);
  });
});

describe('UIDL', () => {
  it('gives every message a distinct id in the configured format (uid, uidvalidity in hex)', async () => {
    const uidl = await session().uidl();
    expect(uidl.map((u) => u.number)).toEqual([1, 2, 3]);
    for (const u of uidl) expect(u.uid).toMatch(/^[0-9a-f]{16}$/);
    const uids = uidl.map((u) => parseInt(u.uid.slice(0, 8), 16));
    expect(uids[1]).toBeGreaterThan(uids[0]!);
    expect(uids[2]).toBeGreaterThan(uids[1]!);
  });

  it('UIDL n agrees with the full listing', async () => {
    const all = await session().uidl();
    expect(await session().uidlOne(3)).toEqual(all[2]);
  });

  it('ids are the same in another session (they name messages, not positions)', async () => {
    const mine = await session().uidl();
    expect((await viewFromAnotherSession()).uidl).toEqual(mine);
  });

  it('UIDL n of a message that does not exist is a server error', async () => {
    await expect(session().uidlOne(4)).rejects.toBeInstanceOf(Pop3ServerError);
    expect(session().usable).toBe(true);
  });

  it('listAndUidl returns the same as LIST and UIDL sent one by one', async () => {
    const both = await session().listAndUidl();
    expect(both.list).toEqual(await session().list());
    expect(both.uidl).toEqual(await session().uidl());
  });
});

describe('TOP', () => {
  const headerOf = (m: Buffer): Buffer => m.subarray(0, m.indexOf('\r\n\r\n') + 4);

  it('TOP n 0 is the header block and the blank line after it', async () => {
    expect((await session().top(1, 0)).toString('latin1')).toBe(headerOf(messages[0]!).toString('latin1'));
  });

  it('TOP n 2 adds the first two body lines', async () => {
    expect((await session().top(1, 2)).toString('latin1')).toBe(`${headerOf(messages[0]!).toString('latin1')}one\r\ntwo\r\n`);
  });

  it('TOP of a message that does not exist is a server error', async () => {
    await expect(session().top(9, 0)).rejects.toBeInstanceOf(Pop3ServerError);
    expect(session().usable).toBe(true);
  });

  it('topMany returns the headers of each message in the order asked', async () => {
    const tops = await session().topMany([3, 1, 2], 0);
    expect(tops.map((b) => b.toString('latin1'))).toEqual([3, 1, 2].map((n) => headerOf(messages[n - 1]!).toString('latin1')));
  });

  it('topMany with a missing message in the middle fails, yet the session stays in step', async () => {
    await expect(session().topMany([1, 42, 2], 0)).rejects.toBeInstanceOf(Pop3ServerError);
    expect(session().usable).toBe(true);
    expect(await session().listOne(2)).toEqual({ number: 2, size: messages[1]!.length });
  });
});

describe('RETR', () => {
  it('streams the message exactly as stored', async () => {
    const body = await session().retr(2);
    expect(await readAll(body)).toEqual(messages[1]);
  });

  it('a command sent while a body is unread is answered after the body has been read', async () => {
    const body = await session().retr(1);
    const stat = session().stat();
    expect(await readAll(body)).toEqual(messages[0]);
    expect(await stat).toEqual({ count: 3, size: expect.any(Number) as number });
  });

  it('RETR of a message that does not exist is a server error', async () => {
    await expect(session().retr(4)).rejects.toBeInstanceOf(Pop3ServerError);
    expect(session().usable).toBe(true);
  });

  it('abandoning a body stream half-way makes the session unusable (it cannot be resynchronised)', async () => {
    await server.deliver('alice', Buffer.concat([simpleMessage({ subject: 'big' }), Buffer.alloc(4 * 1024 * 1024, 'x\r\n')]));
    const fresh = await loggedIn(server);
    try {
      const body = await fresh.retr(4);
      await new Promise<void>((resolve) => body.once('data', () => resolve()));
      body.destroy();
      await new Promise((r) => setImmediate(r));
      expect(fresh.usable).toBe(false);
    } finally {
      fresh.destroy();
    }
  });

  it('a body over maxMessageBytes fails with MessageTooLargeError and ends the session', async () => {
    const small = await loggedIn(server, 'alice', 'auto', { maxMessageBytes: 100 });
    try {
      const body = await small.retr(1);
      await expect(readAll(body)).rejects.toBeInstanceOf(MessageTooLargeError);
      expect(small.usable).toBe(false);
    } finally {
      small.destroy();
    }
  });
});

describe('DELE, RSET and QUIT', () => {
  it('a deleted message disappears from STAT and LIST, and RETR of it is refused', async () => {
    await session().dele(2);
    expect((await session().stat()).count).toBe(2);
    expect((await session().list()).map((e) => e.number)).toEqual([1, 3]);
    await expect(session().retr(2)).rejects.toBeInstanceOf(Pop3ServerError);
    await expect(session().dele(2)).rejects.toBeInstanceOf(Pop3ServerError);
  });

  it('RSET brings deleted messages back', async () => {
    await session().dele(1);
    await session().dele(3);
    await session().rset();
    expect(await session().stat()).toEqual({ count: 3, size: messages.reduce((s, m) => s + m.length, 0) });
  });

  it('QUIT commits the deletion: another session no longer sees the message', async () => {
    const before = await session().uidl();
    await session().dele(2);
    await session().quit();
    expect(session().usable).toBe(false);

    const after = await viewFromAnotherSession();
    expect(after.count).toBe(2);
    expect(after.uidl.map((u) => u.uid)).toEqual([before[0]!.uid, before[2]!.uid]);
    expect(await server.storedMessages('alice')).toEqual([messages[0], messages[2]]);
  });

  it('a session that ends without QUIT deletes nothing', async () => {
    await session().dele(1);
    await session().noop();
    session().destroy();
    expect((await viewFromAnotherSession()).count).toBe(3);
  });

  it('a deletion made by another session is seen by a new session, not by an open one (its snapshot)', async () => {
    const other = await loggedIn(server);
    await other.dele(1);
    await other.quit();
    expect((await session().stat()).count).toBe(3);
    expect((await viewFromAnotherSession()).count).toBe(2);
  });
});

describe('NOOP', () => {
  it('answers +OK and leaves the session usable', async () => {
    await session().noop();
    expect(session().usable).toBe(true);
  });
});

describe('pipelining', () => {
  it('topMany over more messages than the pipeline window returns every header, in order', async () => {
    const count = 130;
    const bob: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const m = simpleMessage({ subject: `bulk ${i}`, messageId: `<bulk-${i}@example.com>` });
      bob.push(m);
      await server.deliver('bob', m);
    }
    const other = await Pop3Client.connect(implicitTls(server));
    try {
      await other.login({ user: 'bob', password: 'bob-secret' });
      const numbers = Array.from({ length: count }, (_, i) => count - i);
      const tops = await other.topMany(numbers, 0);
      expect(tops).toHaveLength(count);
      tops.forEach((top, i) => expect(top.toString('latin1')).toContain(`Subject: bulk ${numbers[i]! - 1}\r\n`));
      const { list, uidl } = await other.listAndUidl();
      expect(list).toHaveLength(count);
      expect(uidl).toHaveLength(count);
      expect(list.map((e) => e.size)).toEqual(bob.map((m) => m.length));
    } finally {
      other.destroy();
    }
  });
});
