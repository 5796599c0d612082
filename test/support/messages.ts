/**
 * Generated test messages for the edge cases real mail has and fixtures lack,
 * and the byte transform Dovecot applies on RETR.
 */
import { createHash } from 'node:crypto';

const CRLF = '\r\n';

export interface SimpleMessageOptions {
  subject?: string;
  from?: string;
  to?: string;
  messageId?: string;
  date?: Date;
  /** Body lines, joined with CRLF. */
  body?: string;
}

/** A small, valid text/plain message with CRLF line endings. */
export function simpleMessage(opts: SimpleMessageOptions = {}): Buffer {
  const date = opts.date ?? new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
  return Buffer.from(
    [
      `From: ${opts.from ?? 'Alice Example <alice@example.com>'}`,
      `To: ${opts.to ?? 'Bob Example <bob@example.com>'}`,
      `Subject: ${opts.subject ?? 'Hello'}`,
      `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: ${opts.messageId ?? `<${createHash('sha1').update(opts.subject ?? 'Hello').digest('hex').slice(0, 16)}@example.com>`}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      opts.body ?? 'Hi Bob.',
      '',
    ].join(CRLF),
  );
}

/**
 * Lines that must survive dot-stuffing: `.`, `..`, `..x`, `.x`, `...`, a lone `.` as the
 * last line, and look-alikes of the terminator in the middle of the body.
 */
export function dotLinesMessage(): Buffer {
  return Buffer.from(
    [
      'From: dots@example.com',
      'To: bob@example.com',
      'Subject: dot lines',
      '',
      'before',
      '.',
      '..',
      '..x',
      '.x',
      '...',
      ' .',
      'end.',
      '.\t',
      '',
      '.',
      '',
    ].join(CRLF),
  );
}

/** Every byte 0x80-0xFF and NUL bytes (but no bare CR or LF): the content must round-trip unchanged. */
export function binaryMessage(): Buffer {
  const high = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i));
  return Buffer.concat([
    Buffer.from(
      ['From: bytes@example.com', 'To: bob@example.com', 'Subject: 8-bit and NUL',
        'Content-Type: application/octet-stream', 'Content-Transfer-Encoding: binary', '', ''].join(CRLF),
    ),
    high,
    Buffer.from(CRLF),
    Buffer.from([0x00, 0x41, 0x00, 0x00, 0x42, 0xff, 0xfe, 0x00]),
    Buffer.from(CRLF),
    Buffer.from('.'),
    high.subarray(0, 16),
    Buffer.from(CRLF),
  ]);
}

/** A message whose body is one line of `lineBytes` bytes (default 100 KB), plus a short line after it. */
export function longLineMessage(lineBytes = 100 * 1024): Buffer {
  const line = Buffer.alloc(lineBytes);
  for (let i = 0; i < lineBytes; i++) line[i] = 0x61 + (i % 26);
  return Buffer.concat([
    Buffer.from(['From: long@example.com', 'To: bob@example.com', 'Subject: a 100 KB line', '', ''].join(CRLF)),
    line,
    Buffer.from(`${CRLF}after the long line${CRLF}`),
  ]);
}

/**
 * A message of exactly `bytes` bytes (at least 1 KB): CRLF lines of deterministic
 * pseudo-random printable text, with a dot-stuffing case (`.`, `..x`) every 997 lines so
 * unstuffing is exercised wherever TCP chunks happen to split.
 */
export function largeMessage(bytes: number): Buffer {
  if (bytes < 1024) throw new Error('largeMessage needs at least 1024 bytes');
  const header = Buffer.from(
    ['From: big@example.com', 'To: bob@example.com', `Subject: ${bytes} bytes`, '', ''].join(CRLF),
  );
  const out = Buffer.alloc(bytes);
  header.copy(out);
  let pos = header.length;
  let seed = 0x2545f491;
  let lineNo = 0;
  // 76 characters + CRLF per line (or a dot line); the last line (79..156 bytes left) takes
  // up the rest, so every line ends in CRLF and the total is exactly `bytes`.
  while (pos < bytes) {
    const remaining = bytes - pos;
    const last = remaining <= 156;
    lineNo += 1;
    const dots = lineNo % 997 === 0 && !last ? (lineNo % 2 ? '.' : '..x') : '';
    const len = last ? remaining - 2 : dots ? dots.length : 76;
    if (dots) {
      out.write(dots, pos, 'latin1');
    } else {
      for (let i = 0; i < len; i++) {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        out[pos + i] = 0x21 + ((seed >>> 0) % 94);
      }
      // Only the deliberate lines above start with a dot.
      if (out[pos] === 0x2e) out[pos] = 0x2d;
    }
    out[pos + len] = 0x0d;
    out[pos + len + 1] = 0x0a;
    pos += len + 2;
  }
  return out;
}

/**
 * What a POP3 client yields for a stored message after dot-unstuffing, when the server is
 * Dovecot: Dovecot sends every bare LF as CRLF, and a message that does not end in a line
 * break gets a CRLF before the terminating `.` (the client cannot tell it from content).
 * So RETR bytes equal the stored file normalized this way, not always the file itself.
 */
export function asRetrievedFromDovecot(stored: Buffer): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < stored.length; i++) {
    if (stored[i] === 0x0a && (i === 0 || stored[i - 1] !== 0x0d)) {
      parts.push(stored.subarray(start, i), Buffer.from(CRLF));
      start = i + 1;
    }
  }
  parts.push(stored.subarray(start));
  const out = Buffer.concat(parts);
  return out.length === 0 || out.subarray(-2).equals(Buffer.from(CRLF)) ? out : Buffer.concat([out, Buffer.from(CRLF)]);
}

/** sha256 hex of some bytes. */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
