/**
 * RETR returns exactly the bytes Dovecot holds: real-world fixtures, the edge cases of
 * dot-stuffing, 8-bit data and long lines, and a 20 MB message that must stream.
 *
 * Dovecot sends a stored bare LF as CRLF and ends a message that lacks a final line break
 * with CRLF, so the expected bytes are the stored file normalized that way
 * (asRetrievedFromDovecot), not always the file itself.
 */
import { Pop3Client, Pop3ProtocolError } from '../../../src/pop3';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { mailGemFixtures } from '../../support/fixtures';
import {
  asRetrievedFromDovecot,
  binaryMessage,
  dotLinesMessage,
  largeMessage,
  longLineMessage,
  sha256,
} from '../../support/messages';
import { readAll } from '../../support/streams';
import { digest, loggedIn } from './helpers';

let server: DovecotServer;

beforeAll(async () => {
  server = await startDovecot();
});

afterAll(async () => {
  await server?.close();
});

describe('RETR of real-world messages (mail-gem fixtures)', () => {
  const fixtures = mailGemFixtures();
  let client: Pop3Client;
  let stored: Buffer[];

  beforeAll(async () => {
    for (const f of fixtures) await server.deliver('alice', f.bytes);
    stored = await server.storedMessages('alice');
    client = await loggedIn(server, 'alice');
  });

  afterAll(async () => {
    await client?.quit();
  });

  it('Dovecot stores every fixture unchanged, in delivery order', () => {
    expect(stored).toHaveLength(fixtures.length);
    stored.forEach((bytes, i) => expect(bytes.equals(fixtures[i]!.bytes)).toBe(true));
  });

  it.each(fixtures.map((f, i) => [f.name, i + 1] as const))('%s comes back byte for byte', async (_name, number) => {
    const expected = asRetrievedFromDovecot(stored[number - 1]!);
    const got = await readAll(await client.retr(number));
    expect(got.length).toBe(expected.length);
    expect(got.equals(expected)).toBe(true);
  });

  it('LIST sizes are the CRLF sizes of the messages (without the CRLF added to an unterminated last line)', async () => {
    const sizes = (await client.list()).map((e) => e.size);
    const expected = stored.map((s) => {
      const crlf = asRetrievedFromDovecot(s).length;
      return s.length > 0 && s[s.length - 1] === 0x0a ? crlf : crlf - 2;
    });
    expect(sizes).toEqual(expected);
  });
});

describe('RETR of generated edge cases', () => {
  const cases: [string, Buffer][] = [
    ['lines of only dots, and dots followed by text', dotLinesMessage()],
    ['every 8-bit byte and NUL bytes', binaryMessage()],
    ['a single 100 KB line', longLineMessage()],
    ['a 1 MB line', longLineMessage(1024 * 1024)],
  ];
  let client: Pop3Client;

  beforeAll(async () => {
    for (const [, bytes] of cases) await server.deliver('bob', bytes);
    client = await loggedIn(server, 'bob');
  });

  afterAll(async () => {
    await client?.quit();
  });

  it.each(cases.map(([what, bytes], i) => [what, bytes, i + 1] as const))('%s round-trips exactly', async (_what, bytes, number) => {
    const got = await readAll(await client.retr(number));
    expect(got.equals(bytes)).toBe(true);
    expect((await client.listOne(number)).size).toBe(bytes.length);
  });

  it('TOP keeps dot lines intact too', async () => {
    const top = await client.top(1, 100);
    expect(top.equals(dotLinesMessage())).toBe(true);
  });
});

describe('RETR of a 20 MB message', () => {
  const size = 20 * 1024 * 1024;
  let expectedSha: string;

  beforeAll(async () => {
    const message = largeMessage(size);
    expectedSha = sha256(message);
    await server.deliver('alice', message);
  });

  /** The 20 MB message is the newest in alice's maildrop. */
  async function openBig(): Promise<{ client: Pop3Client; number: number }> {
    const client = await loggedIn(server, 'alice');
    const { count } = await client.stat();
    expect((await client.listOne(count)).size).toBe(size);
    return { client, number: count };
  }

  it('streams with backpressure: an unread body holds only a bounded buffer, not the message', async () => {
    const { client, number } = await openBig();
    try {
      const body = await client.retr(number);
      // Nobody reads for a while: the client must stop reading the socket, not fill memory.
      await new Promise((r) => setTimeout(r, 300));
      expect(body.readableLength).toBeLessThan(2 * 1024 * 1024);

      const before = process.memoryUsage();
      const result = await digest(body);
      const after = process.memoryUsage();
      expect(result.bytes).toBe(size);
      expect(result.sha256).toBe(expectedSha);
      expect(result.chunks).toBeGreaterThan(20);
      // Garbage collection is lazy, so this is a loose bound; the strict check is readableLength above.
      expect(after.rss - before.rss).toBeLessThan(size * 2);
      await client.noop();
    } finally {
      client.destroy();
    }
  });

  it('fails the stream with a protocol error when the server goes away mid-message, and keeps the mail', async () => {
    const { client, number } = await openBig();
    try {
      const body = await client.retr(number);
      await new Promise<void>((resolve) => body.once('readable', () => resolve()));
      await server.stop();
      await expect(digest(body)).rejects.toBeInstanceOf(Pop3ProtocolError);
      expect(client.usable).toBe(false);
    } finally {
      client.destroy();
      await server.start();
    }
    const again = await openBig();
    const result = await digest(await again.client.retr(again.number));
    expect(result.sha256).toBe(expectedSha);
    await again.client.quit();
  });
});
