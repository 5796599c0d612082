/**
 * Byte-level helpers for a POP3 server's multi-line replies (RFC 1939 §3). Pure functions
 * of Buffers: message content is never decoded as text.
 */

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;
const CRLF = Buffer.from('\r\n');
const TERMINATOR = Buffer.from('.\r\n');
const CRLF_DOT = Buffer.from('\r\n.');
const EXTRA_DOT = Buffer.from('.');

/**
 * Dot-stuffs a message and appends the `.CRLF` terminator: every line that starts with
 * `.` gets a second `.` (RFC 1939 §3). Lines are CRLF-terminated; a message that does not
 * end in CRLF gets one before the terminator, as the RFC requires.
 */
export function encodeMultiline(body: Buffer): Buffer {
  // Only lines that start with a dot need work, so copy the runs between them whole.
  const parts: Buffer[] = [];
  if (body[0] === DOT) parts.push(EXTRA_DOT);
  let runStart = 0;
  let hit = body.indexOf(CRLF_DOT);
  while (hit !== -1) {
    parts.push(body.subarray(runStart, hit + 2), EXTRA_DOT);
    runStart = hit + 2;
    hit = body.indexOf(CRLF_DOT, runStart);
  }
  parts.push(body.subarray(runStart));
  if (body.length > 0 && !endsWithCrlf(body)) parts.push(CRLF);
  parts.push(TERMINATOR);
  return Buffer.concat(parts);
}

/**
 * What `TOP n lines` returns before stuffing: the header block, the blank line after it,
 * and the first `bodyLines` lines of the body (RFC 1939 §7).
 */
export function topOf(message: Buffer, bodyLines: number): Buffer {
  const separator = message.indexOf('\r\n\r\n');
  if (separator === -1) return message;
  const bodyStart = separator + 4;
  let end = bodyStart;
  for (let i = 0; i < bodyLines && end < message.length; i++) {
    const crlf = message.indexOf(CRLF, end);
    end = crlf === -1 ? message.length : crlf + 2;
  }
  return message.subarray(0, end);
}

function endsWithCrlf(body: Buffer): boolean {
  return body.length >= 2 && body[body.length - 2] === CR && body[body.length - 1] === LF;
}
