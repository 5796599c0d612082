/**
 * Pure parsers for the payload of POP3 replies (RFC 1939, RFC 2449). Each takes text the
 * reply reader already framed and returns typed data; malformed input is a protocol error.
 */
import { Pop3ProtocolError } from './errors';
import { UNIQUE_ID_PATTERN } from './limits';
import type { Capabilities, ListEntry, StatReply, UidlEntry } from './types';

const NON_NEGATIVE_INTEGER = /^\d{1,15}$/;
/** `<number> <size>`: a LIST body line as servers send it; anything else takes the general path. */
const PLAIN_LIST_LINE = /^([1-9]\d{0,14}) (\d{1,15})$/;
/** `<number> <unique-id>` (RFC 1939 §7: 1-70 characters 0x21-0x7E): a UIDL body line as servers send it. */
const PLAIN_UIDL_LINE = /^([1-9]\d{0,14}) ([\x21-\x7e]{1,70})$/;

function toCount(token: string | undefined, what: string, min: number): number {
  if (token === undefined || !NON_NEGATIVE_INTEGER.test(token)) {
    throw new Pop3ProtocolError(`malformed ${what}: expected a number`);
  }
  const value = Number(token);
  if (value < min) throw new Pop3ProtocolError(`malformed ${what}: ${value} is below ${min}`);
  return value;
}

/** Removes a leading `+OK` so the parsers accept either the whole status line or its text. */
function withoutIndicator(text: string): string {
  return text.replace(/^\+OK\b\s*/i, '').trim();
}

/**
 * `STAT` answer: `+OK 2 320` (or just `2 320`) → `{ count: 2, size: 320 }`. Text after the two
 * numbers is ignored (RFC 1939 §5 allows servers nothing more, some send it anyway).
 * @throws {Pop3ProtocolError} if the two numbers are missing.
 */
export function parseStat(text: string): StatReply {
  const [count, size] = withoutIndicator(text).split(/\s+/);
  return { count: toCount(count, 'STAT reply', 0), size: toCount(size, 'STAT reply', 0) };
}

/**
 * One scan listing (`LIST` body line, or the text of `+OK 1 120` to `LIST 1`) → `{ number, size }`.
 * @throws {Pop3ProtocolError} if the line is not `<number> <size>`.
 */
export function parseListLine(line: string): ListEntry {
  // The shape of every line of a LIST body, matched in one step (10,000-line listings are common).
  const plain = PLAIN_LIST_LINE.exec(line);
  if (plain) return { number: Number(plain[1]), size: Number(plain[2]) };
  const [number, size] = withoutIndicator(line).split(/\s+/);
  return { number: toCount(number, 'LIST line', 1), size: toCount(size, 'LIST line', 0) };
}

/**
 * One unique-id listing (`UIDL` body line, or the text of `+OK 1 whqtswO00WBw418f9t5JxYwZ`)
 * → `{ number, uid }`. The uid must follow RFC 1939 §7: 1–70 characters, 0x21–0x7E.
 * @throws {Pop3ProtocolError} if the line is malformed or the uid breaks that syntax.
 */
export function parseUidlLine(line: string): UidlEntry {
  const plain = PLAIN_UIDL_LINE.exec(line);
  if (plain) return { number: Number(plain[1]), uid: plain[2]! };
  const [number, uid] = withoutIndicator(line).split(/[ \t]+/);
  const parsedNumber = toCount(number, 'UIDL line', 1);
  if (uid === undefined || !UNIQUE_ID_PATTERN.test(uid)) {
    throw new Pop3ProtocolError('malformed UIDL line: the unique-id is not 1-70 characters 0x21-0x7E');
  }
  return { number: parsedNumber, uid };
}

/**
 * `CAPA` body lines (RFC 2449 §5) → capability name (upper-cased) → its arguments.
 * `SASL PLAIN LOGIN` → `{ SASL: ['PLAIN', 'LOGIN'] }`. Empty lines are skipped.
 */
export function parseCapabilities(lines: readonly string[]): Capabilities {
  const capabilities: Capabilities = {};
  for (const line of lines) {
    const [name, ...args] = line.trim().split(/\s+/);
    if (!name) continue;
    capabilities[name.toUpperCase()] = args;
  }
  return capabilities;
}

/**
 * The APOP timestamp from a greeting (RFC 1939 §7): the `<…@…>` msg-id, brackets included,
 * exactly as the digest needs it; null when the server offers no APOP.
 */
export function parseApopTimestamp(greeting: string): string | null {
  const match = /<[^<>\s]*@[^<>\s]*>/.exec(greeting);
  return match ? match[0] : null;
}

/**
 * Splits a collected multi-line body (already unstuffed) into its lines, without CRLFs.
 * Listings are ASCII by RFC 1939; latin1 keeps every byte one character if a server strays.
 */
export function splitLines(body: Buffer): string[] {
  if (body.length === 0) return [];
  const lines = body.toString('latin1').split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
