/**
 * The test Courier pop3d itself (test/support/courier.ts): logins, listings, the bytes RETR
 * sends for what deliver() stored, the Seen rename another client's RETR causes, and a
 * close() that leaves no process, mount or file behind.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Pop3AuthError, Pop3Client } from '../../../src/pop3';
import { asRetrievedFromCourier, startCourier, type CourierServer } from '../../support/courier';
import { readAll } from '../../support/streams';

jest.setTimeout(120_000);

/** Whether `pid` is a live (not zombie) process. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Stored as Courier wants it: Unix line ends. */
const STORED = [
  Buffer.from('From: a@example.com\nTo: alice@example.com\nSubject: first\n\nHello one.\n'),
  Buffer.from('From: a@example.com\nSubject: dots\n\n.\n..\n.x\nlast line\n'),
  Buffer.from(
    'From: a@example.com\nSubject: eight bit body\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n' +
      'Content-Transfer-Encoding: 8bit\n\nGr\u00fc\u00dfe aus K\u00f6ln.\n',
    'utf8',
  ),
];

describe('the test Courier pop3d', () => {
  let courier: CourierServer;

  beforeAll(async () => {
    courier = await startCourier();
    for (const message of STORED) await courier.deliver('alice', message);
    await courier.deliver('bob', 'From: a@example.com\nSubject: for bob\n\nonly bob\n');
    await courier.settle();
  });

  afterAll(async () => {
    await courier?.close();
  });

  it("settles the Maildirs: new/ moved to cur/, the UIDL list written", async () => {
    const files = await courier.maildirFiles('alice');
    expect(files).toHaveLength(STORED.length);
    for (const f of files) expect(f).toMatch(/^cur\/.+:2,$/);
    expect(existsSync(path.join(courier.dir, 'mail/alice/Maildir/courierpop3dsizelist'))).toBe(true);
  });

  it('logs in over implicit TLS and lists each user\'s own messages with unique UIDL ids', async () => {
    const alice = await courier.uidls('alice');
    expect(alice.map((e) => e.number)).toEqual([1, 2, 3]);
    expect(new Set(alice.map((e) => e.uid)).size).toBe(3);
    const bob = await courier.uidls('bob');
    expect(bob).toHaveLength(1);
    expect(alice.map((e) => e.uid)).not.toContain(undefined);
  });

  it('RETR sends what was stored, each LF as CRLF; LIST sizes count those bytes', async () => {
    const { list, bodies } = await courier.asOtherClient('alice', async (client) => {
      const listing = await client.list();
      const retrieved: Buffer[] = [];
      for (const entry of listing) retrieved.push(await readAll(await client.retr(entry.number)));
      return { list: listing, bodies: retrieved };
    });
    expect(bodies).toEqual(STORED.map(asRetrievedFromCourier));
    expect(list.map((e) => e.size)).toEqual(STORED.map((m) => asRetrievedFromCourier(m).length));
  });

  it('refuses a wrong password', async () => {
    const client = await Pop3Client.connect(courier.connectOptions());
    try {
      await expect(client.login({ user: 'alice', password: 'wrong' }, 'user')).rejects.toBeInstanceOf(Pop3AuthError);
    } finally {
      client.destroy();
    }
    // The right one still works afterwards.
    await expect(courier.uidls('alice')).resolves.toHaveLength(3);
  }, 60_000);

  it("marks what another client RETRieved Seen by renaming its file, and keeps its UIDL", async () => {
    const before = await courier.uidls('bob');
    await courier.asOtherClient('bob', async (client) => readAll(await client.retr(1)));
    expect(await courier.maildirFiles('bob')).toEqual([expect.stringMatching(/^cur\/.+:2,S$/)]);
    expect(await courier.uidls('bob')).toEqual(before);
  });
});

/**
 * Courier "downgrades" a message with 8-bit bytes in a header section for a client that did not
 * send RFC 6856 UTF8: it sends a "Cannot display Unicode content" wrapper instead, with a MIME
 * boundary made of its process id and the time, so one UIDL gives other bytes in every session.
 * popgate's client sends UTF8 whenever CAPA offers it, so it gets the message as stored.
 */
describe('a message with 8-bit headers, read by a client that sends UTF8', () => {
  let courier: CourierServer;
  const stored = [
    Buffer.from('From: a@example.com\nSubject: caf\u00e9 in a header\n\nascii body\n', 'utf8'),
    Buffer.from('From: a@example.com\nSubject: 8-bit body only\n\ncaf\u00e9\n', 'utf8'),
  ];
  beforeAll(async () => {
    courier = await startCourier({ users: [{ name: 'dora', password: 'dora-secret' }] });
    for (const message of stored) await courier.deliver('dora', message);
    await courier.settle();
  });
  afterAll(async () => {
    await courier?.close();
  });

  it('comes as stored (no wrapper), the same bytes in every session, and LIST counts those bytes', async () => {
    const capabilities = await courier.asOtherClient('dora', (client) => Promise.resolve(client.capabilities));
    expect(capabilities).toHaveProperty('UTF8');
    const [first, second] = [await courier.retrieveAll('dora'), await courier.retrieveAll('dora')];
    expect([...first.values()]).toEqual(stored.map(asRetrievedFromCourier));
    expect(second).toEqual(first);
    const sizes = await courier.asOtherClient('dora', (client) => client.list());
    expect(sizes.map((entry) => entry.size)).toEqual([...first.values()].map((message) => message.length));
  });
});

describe('close()', () => {
  it('kills every process it started, leaves no mount and removes its temp dir', async () => {
    const courier = await startCourier({ users: [{ name: 'carol', password: 'carol-secret' }] });
    const session = await courier.login('carol'); // a live session process too
    const { dir, pop3sPort } = courier;
    const pids = courier.processes();
    // authdaemond (1 + 3 workers), couriertcpd, and the session's couriertls + courierpop3d at least.
    expect(pids.length).toBeGreaterThanOrEqual(6);
    await courier.close();
    session.destroy();
    expect(courier.processes()).toEqual([]);
    for (const pid of pids) expect(isRunning(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    // The bind mounts lived in the instance's own mount namespace only.
    expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(dir);
    const refused = await new Promise<boolean>((resolve) => {
      const sock = net.connect({ host: '127.0.0.1', port: pop3sPort });
      sock.once('connect', () => {
        sock.destroy();
        resolve(false);
      });
      sock.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
    await courier.close(); // twice is fine
  });
});
