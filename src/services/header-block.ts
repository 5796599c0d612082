import libmime from 'libmime';
import type { HeaderSummary } from '../models/message';

export interface HeaderBlock {
  /** The header block as sent, one char per byte (latin1), so nothing is lost. */
  raw: string;
  /** Lower-cased name -> decoded values, in order of appearance. */
  headers: Record<string, string[]>;
}

/** The header block of a message or a `TOP n 0` reply: everything before the first empty line. */
export function parseHeaderBlock(message: Buffer): HeaderBlock {
  const end = headerEnd(message);
  const block = message.subarray(0, end);
  const headers: Record<string, string[]> = {};
  // Unfold (RFC 5322 2.2.3), then split into fields.
  const text = decodeHeaderBytes(block).replace(/\r?\n(?=[ \t])/g, '');
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(decode(line.slice(colon + 1).trim()));
  }
  return { raw: block.toString('latin1'), headers };
}

/** The fields GET /messages?headers=true shows. */
export function summarize(headers: Record<string, string[]>): HeaderSummary {
  const first = (name: string): string | null => headers[name]?.[0] ?? null;
  return {
    subject: first('subject'),
    from: first('from'),
    to: first('to'),
    date: dateOf(headers),
    messageId: first('message-id'),
  };
}

/** The Date header as ISO 8601, or null when there is none or it does not parse (never "now"). */
export function dateOf(headers: Record<string, string[]>): string | null {
  const date = headers.date?.[0];
  const parsed = date ? new Date(date) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : null;
}

function headerEnd(message: Buffer): number {
  const crlf = message.indexOf('\r\n\r\n');
  const lf = message.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return crlf + 2;
  if (lf >= 0) return lf + 1;
  return message.length;
}

/** Raw 8-bit headers are usually UTF-8 (RFC 6532); anything else is kept byte-for-byte as latin1. */
function decodeHeaderBytes(block: Buffer): string {
  const utf8 = block.toString('utf8');
  return utf8.includes('\uFFFD') ? block.toString('latin1') : utf8;
}

function decode(value: string): string {
  try {
    // Called on the instance: libmime's methods use `this`, so a destructured decodeWords throws.
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}
