import type { Readable } from 'node:stream';
import fc from 'fast-check';
import { MessageTooLargeError, Pop3ProtocolError } from '../../../src/pop3/errors';
import { MAX_STATUS_LINE_OCTETS } from '../../../src/pop3/limits';
import { ReplyReader, type ReplyKind } from '../../../src/pop3/reply-reader';
import type { StatusLine } from '../../../src/pop3/response-code';
import { readAll } from '../../support/streams';

/** What one expected reply turned into. */
interface Outcome {
  status: StatusLine | null;
  body: Readable | null;
  error: Error | null;
  settled: boolean;
}

function harness(maxMessageBytes = 1 << 20) {
  const flow = { pauses: 0, resumes: 0 };
  const fatal: Error[] = [];
  const reader = new ReplyReader({
    maxMessageBytes,
    flow: { pause: () => (flow.pauses += 1), resume: () => (flow.resumes += 1) },
    onFatal: (error) => fatal.push(error),
  });
  const expectReply = (kind: ReplyKind): Outcome => {
    const outcome: Outcome = { status: null, body: null, error: null, settled: false };
    reader.expect(kind, {
      onStatus: (status, body) => Object.assign(outcome, { status, body }),
      onError: (error) => (outcome.error = error),
      onSettled: () => (outcome.settled = true),
    });
    return outcome;
  };
  return { reader, flow, fatal, expectReply };
}

function bytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** RFC 1939 byte-stuffing: every line (after CRLF, or the first) starting with "." gets another ".". */
function stuff(body: Buffer): Buffer {
  const out: number[] = [];
  let lineStart = true;
  for (let i = 0; i < body.length; i += 1) {
    const octet = body[i] as number;
    if (lineStart && octet === 0x2e) out.push(0x2e);
    out.push(octet);
    lineStart = octet === 0x0a && i > 0 && body[i - 1] === 0x0d;
  }
  return Buffer.from(out);
}

/** The wire form of a multi-line +OK reply carrying `body` (which, like a message, ends in CRLF or is empty). */
function multiline(body: Buffer): Buffer {
  return Buffer.concat([bytes('+OK body follows\r\n'), stuff(body), bytes('.\r\n')]);
}

/** Byte equality without Jest's element-by-element diff (slow on 100 KB buffers). */
function expectSameBytes(actual: Buffer, expected: Buffer): void {
  if (!actual.equals(expected)) {
    expect({ length: actual.length, hex: actual.subarray(0, 64).toString('hex') }).toEqual({
      length: expected.length,
      hex: expected.subarray(0, 64).toString('hex'),
    });
    throw new Error('bodies differ');
  }
}

function split(wire: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (wire.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const point of [...points, wire.length]) {
    if (point > start) pieces.push(wire.subarray(start, point));
    start = point;
  }
  return pieces;
}

describe('ReplyReader', () => {
  describe('framing', () => {
    it('reads a single-line reply and its response code', () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('single');
      reader.feed(bytes('-ERR [IN-USE] locked\r\n'));
      expect(reply.status).toMatchObject({ ok: false, respCode: 'IN-USE', text: 'locked' });
      expect(reply.settled).toBe(true);
    });

    it('reads two replies that arrive in one chunk', async () => {
      const { reader, expectReply } = harness();
      const first = expectReply('multi');
      const second = expectReply('single');
      reader.feed(bytes('+OK\r\n1 10\r\n.\r\n+OK 1 10\r\n'));
      expect((await readAll(first.body!)).toString()).toBe('1 10\r\n');
      expect(second.status).toMatchObject({ ok: true, text: '1 10' });
      expect(reader.pendingCount).toBe(0);
    });

    it('assembles a status line split across chunks', () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('single');
      for (const piece of ['+', 'OK 2 3', '20\r', '\n']) reader.feed(bytes(piece));
      expect(reply.status).toMatchObject({ ok: true, text: '2 320' });
    });

    it('answers a multi-line command refused with -ERR without a body', () => {
      const { reader, expectReply } = harness();
      const refused = expectReply('multi');
      const next = expectReply('single');
      reader.feed(bytes('-ERR no such message\r\n+OK\r\n'));
      expect(refused.status).toMatchObject({ ok: false, text: 'no such message' });
      expect(refused.body).toBeNull();
      expect(next.status?.ok).toBe(true);
    });

    it('reads a SASL continuation as a status line of its own kind', () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('single');
      reader.feed(bytes('+ VXNlcm5hbWU6\r\n'));
      expect(reply.status).toMatchObject({ continuation: true, ok: false, text: 'VXNlcm5hbWU6' });
    });

    it('gives a multi-line command answered with a + continuation no body (a + is never +OK)', () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('multi');
      const next = expectReply('single');
      reader.feed(bytes('+ OK\r\n-ERR after\r\n'));
      expect(reply.status).toMatchObject({ ok: false, continuation: true });
      expect(reply.body).toBeNull();
      expect(next.status).toMatchObject({ ok: false, text: 'after' }); // the next line is the next reply, not body
    });

    it('treats bytes that arrive while no reply is expected as a protocol error', () => {
      const { reader, fatal } = harness();
      reader.feed(bytes('+OK surprise\r\n'));
      expect(fatal[0]).toBeInstanceOf(Pop3ProtocolError);
      expect(fatal[0]?.message).toMatch(/unsolicited/);
    });

    it('treats bytes after the last expected reply as unsolicited', () => {
      const { reader, fatal, expectReply } = harness();
      const reply = expectReply('single');
      reader.feed(bytes('+OK\r\n+OK injected\r\n'));
      expect(reply.status?.ok).toBe(true);
      expect(fatal).toHaveLength(1);
      expect(fatal[0]?.message).toMatch(/unsolicited/);
    });

    it('treats a line that is neither +OK, -ERR nor + as a protocol error and fails what is queued', () => {
      const { reader, expectReply } = harness();
      const first = expectReply('single');
      const second = expectReply('single');
      reader.feed(bytes('HELLO\r\n'));
      expect(first.error).toBeInstanceOf(Pop3ProtocolError);
      expect(second.error).toBe(first.error);
      expect(second.settled).toBe(true);
    });

    it('fails a reply expected after the reader broke at once', () => {
      const { reader, expectReply } = harness();
      reader.fail(new Pop3ProtocolError('closed'));
      expect(expectReply('single').error?.message).toBe('closed');
    });
  });

  describe('the status line limit', () => {
    it('accepts a status line of exactly 512 octets including CRLF', () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('single');
      reader.feed(bytes(`+OK ${'x'.repeat(MAX_STATUS_LINE_OCTETS - 6)}\r\n`));
      expect(reply.status?.ok).toBe(true);
    });

    it('refuses a status line of 513 octets', () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('single');
      reader.feed(bytes(`+OK ${'x'.repeat(MAX_STATUS_LINE_OCTETS - 5)}\r\n`));
      expect(reply.error).toBeInstanceOf(Pop3ProtocolError);
    });

    it('fails a 10 MB status line without CRLF as soon as it passes 512 octets, never buffering it', () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('single');
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      chunk.write('+OK ', 0, 'latin1');
      let fed = 0;
      while (fed < 10 * 1024 * 1024 && !reply.error) {
        reader.feed(chunk);
        fed += chunk.length;
      }
      expect(reply.error).toBeInstanceOf(Pop3ProtocolError);
      // Refused within the first chunk: nothing past it was ever asked for.
      expect(fed).toBe(chunk.length);
    });

    it('fails a status line that creeps past the limit in small chunks as soon as it reaches 512 octets', () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('single');
      reader.feed(bytes('+OK '));
      let fed = 4;
      while (fed < 10_000 && !reply.error) {
        reader.feed(bytes('y'.repeat(7)));
        fed += 7;
      }
      expect(reply.error?.message).toMatch(/longer than 512/);
      // Failed by the chunk that reached the 512th octet, not later.
      expect(fed).toBeLessThan(MAX_STATUS_LINE_OCTETS + 7);
    });
  });

  describe('multi-line bodies', () => {
    it('finds the terminator wherever the chunks split it, at every byte offset', async () => {
      const body = bytes('Subject: x\r\n\r\nline\r\n');
      const wire = multiline(body);
      for (let cut = 0; cut <= wire.length; cut += 1) {
        for (let second = cut; second <= wire.length; second += 1) {
          const { reader, expectReply } = harness();
          const reply = expectReply('multi');
          const after = expectReply('single');
          for (const piece of split(wire, [cut, second])) reader.feed(piece);
          reader.feed(bytes('+OK next\r\n'));
          expect(reply.settled).toBe(true); // the terminator was found (checked before draining, so a miss fails fast)
          expectSameBytes(await readAll(reply.body!), body);
          expect(after.status?.text).toBe('next');
        }
      }
    });

    it('unstuffs lines "..", "..x", keeps "x.", and ends at "."', async () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('multi');
      reader.feed(bytes('+OK\r\n..\r\n..x\r\nx.\r\n...\r\n.\r\n'));
      expect((await readAll(reply.body!)).toString('latin1')).toBe('.\r\n.x\r\nx.\r\n..\r\n');
    });

    it('leniently strips the dot of an unstuffed ".x" line, as RFC 1939 says for byte-stuffed lines', async () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('multi');
      reader.feed(bytes('+OK\r\n.x\r\n.\ry\r\n.\r\n'));
      expect((await readAll(reply.body!)).toString('latin1')).toBe('x\r\n\ry\r\n');
    });

    it('delivers an empty body', async () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('multi');
      reader.feed(bytes('+OK 0 messages\r\n.\r\n'));
      expect((await readAll(reply.body!)).length).toBe(0);
    });

    it('passes bytes 0x80-0xFF, NUL and bare CR/LF through unchanged', async () => {
      const body = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), bytes('\n.\r\r\n')]);
      const { reader, expectReply } = harness();
      const reply = expectReply('multi');
      for (const piece of split(multiline(body), [7, 100, 260])) reader.feed(piece);
      expectSameBytes(await readAll(reply.body!), body);
    });

    it('passes a 100 KB line inside a message', async () => {
      const body = Buffer.concat([bytes('Subject: long\r\n\r\n'), Buffer.alloc(100 * 1024, 0x61), bytes('\r\n')]);
      const { reader, expectReply } = harness();
      const reply = expectReply('multi');
      for (const piece of split(multiline(body), [5000, 40000, 90000])) reader.feed(piece);
      expectSameBytes(await readAll(reply.body!), body);
    });

    it('pushes slices of the incoming chunks rather than copies', async () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('multi');
      const chunk = bytes('+OK\r\nabc\r\n.\r\n');
      reader.feed(chunk);
      const first = reply.body?.read() as Buffer;
      expect(first.buffer).toBe(chunk.buffer);
    });

    it('fails a body over maxMessageBytes with MessageTooLargeError and breaks the reader', async () => {
      const { reader, expectReply, fatal } = harness(1000);
      const reply = expectReply('multi');
      reader.feed(bytes('+OK\r\n'));
      reader.feed(Buffer.alloc(999, 0x61));
      expect(fatal).toHaveLength(0);
      reader.feed(Buffer.alloc(2, 0x61));
      await expect(readAll(reply.body!)).rejects.toBeInstanceOf(MessageTooLargeError);
      expect(fatal[0]).toBeInstanceOf(MessageTooLargeError);
    });

    it('accepts a body of exactly maxMessageBytes', async () => {
      const { reader, expectReply } = harness(6);
      const reply = expectReply('multi');
      reader.feed(bytes('+OK\r\n..abc\r\n.\r\n'));
      expect((await readAll(reply.body!)).toString()).toBe('.abc\r\n');
    });

    it('fails a body cut off by the connection closing', async () => {
      const { reader, expectReply } = harness();
      const reply = expectReply('multi');
      reader.feed(bytes('+OK\r\npartial'));
      reader.fail(new Pop3ProtocolError('closed'));
      await expect(readAll(reply.body!)).rejects.toThrow('closed');
    });
  });

  describe('backpressure', () => {
    it('asks to pause when the body is not read, and to resume when it is', () => {
      const { reader, expectReply, flow } = harness();
      const reply = expectReply('multi');
      reader.feed(bytes('+OK\r\n'));
      const chunk = Buffer.alloc(64 * 1024, 0x62);
      for (let i = 0; i < 8 && !reader.paused; i += 1) reader.feed(chunk);
      expect(reader.paused).toBe(true);
      expect(flow.pauses).toBe(1);
      while (reply.body?.read() !== null) {
        // draining the stream's buffer
      }
      expect(reader.paused).toBe(false);
      expect(flow.resumes).toBe(1);
    });

    it('resumes the source once the body has ended, since later bytes belong to other replies', () => {
      const { reader, expectReply, flow } = harness();
      expectReply('multi');
      const next = expectReply('single');
      reader.feed(Buffer.concat([bytes('+OK\r\n'), Buffer.alloc(512 * 1024, 0x62), bytes('\r\n.\r\n+OK\r\n')]));
      expect(flow.pauses).toBe(1);
      expect(flow.resumes).toBe(1);
      expect(reader.paused).toBe(false);
      expect(next.status?.ok).toBe(true);
    });

    it('breaks the conversation when the consumer destroys a body before its end', async () => {
      const { reader, expectReply, fatal } = harness();
      const reply = expectReply('multi');
      const after = expectReply('single');
      reader.feed(bytes('+OK\r\nhalf a mess'));
      reply.body?.destroy();
      await new Promise((resolve) => setImmediate(resolve));
      expect(fatal[0]).toBeInstanceOf(Pop3ProtocolError);
      expect(after.error).toBe(fatal[0]);
    });

    it('does not break when a finished body is destroyed unread', () => {
      const { reader, expectReply, fatal } = harness();
      const reply = expectReply('multi');
      reader.feed(bytes('+OK\r\nall\r\n.\r\n'));
      reply.body?.destroy();
      expect(fatal).toHaveLength(0);
    });
  });

  describe('properties', () => {
    const octet = fc.oneof(
      fc.constantFrom(0x2e, 0x0d, 0x0a, 0x00, 0xff, 0x80),
      fc.integer({ min: 0, max: 255 }),
    );
    const line = fc.uint8Array({ maxLength: 40 }).chain((start) =>
      fc.tuple(fc.constantFrom('', '.', '..', '.\r', '\r.', '\n.'), fc.array(octet, { maxLength: 20 })).map(
        ([prefix, rest]) => Buffer.concat([bytes(prefix), Buffer.from(start.slice(0, 3)), Buffer.from(rest)]),
      ),
    );
    /** A message: lines joined and ended by CRLF (a body always ends in CRLF or is empty). */
    const message = fc.array(line, { maxLength: 12 }).map((lines) =>
      lines.length ? Buffer.concat(lines.flatMap((l) => [l, bytes('\r\n')])) : Buffer.alloc(0),
    );
    const cuts = fc.array(fc.nat(), { maxLength: 8 });

    it('unstuffs any dot-stuffed, terminated, randomly chunked body back to the original', async () => {
      await fc.assert(
        fc.asyncProperty(message, cuts, async (body, cutPoints) => {
          const { reader, expectReply } = harness();
          const reply = expectReply('multi');
          const next = expectReply('single');
          const wire = Buffer.concat([multiline(body), bytes('+OK\r\n')]);
          for (const piece of split(wire, cutPoints)) reader.feed(piece);
          expect(reply.settled).toBe(true);
          expectSameBytes(await readAll(reply.body!), body);
          expect(next.status?.ok).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it('ends random input in a complete reply or a protocol error, never a throw from feed()', () => {
      const wireBytes = fc.array(
        fc.oneof(fc.constantFrom(...'+OK -ERR \r\n.\r\n..'.split('').map((c) => c.charCodeAt(0))), fc.integer({ min: 0, max: 255 })),
        { maxLength: 600 },
      );
      fc.assert(
        fc.property(fc.constantFrom<ReplyKind>('single', 'multi'), wireBytes, cuts, (kind, wire, cutPoints) => {
          const { reader, expectReply, fatal } = harness(300);
          const reply = expectReply(kind);
          expect(() => {
            for (const piece of split(Buffer.from(wire), cutPoints)) reader.feed(piece);
          }).not.toThrow();
          // Either the reply is still waiting for more bytes, it completed, or the reader broke.
          const waiting = !reply.status && !reply.error;
          const broke = fatal.length > 0;
          expect(waiting || reply.status !== null || broke).toBe(true);
          // Closing the connection settles whatever is left: nothing hangs.
          reader.fail(new Pop3ProtocolError('closed'));
          reply.body?.resume();
          expect(reply.settled).toBe(true);
        }),
        { numRuns: 500 },
      );
    });
  });
});
