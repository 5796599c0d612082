/**
 * Cap on one command line, CRLF included. RFC 2449 §4 allows 255 octets; SASL initial
 * responses (RFC 5034) and OAuth bearer tokens run longer, so we accept more, but still a
 * bound so a client cannot make the server buffer without end.
 */
export const MAX_ACCEPTED_LINE_OCTETS = 8192;

/** The lines complete so far, and whether a line ran past the cap (the client must be cut off). */
export interface ReadResult {
  lines: Buffer[];
  overflow: boolean;
}

/**
 * Splits the bytes a client sends into command lines, wherever TCP cuts them: several
 * commands in one chunk (PIPELINING) or one command over several chunks. Lines end at LF;
 * a CR before it is dropped (bare LF is accepted, as most servers do).
 */
export class CommandLineReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxLineOctets = MAX_ACCEPTED_LINE_OCTETS) {}

  push(chunk: Buffer): ReadResult {
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const lines: Buffer[] = [];
    let start = 0;
    for (let lf = data.indexOf(0x0a); lf !== -1; lf = data.indexOf(0x0a, start)) {
      if (lf + 1 - start > this.maxLineOctets) return this.overflowed(lines);
      const end = lf > start && data[lf - 1] === 0x0d ? lf - 1 : lf;
      lines.push(data.subarray(start, end));
      start = lf + 1;
    }
    this.pending = Buffer.from(data.subarray(start));
    if (this.pending.length >= this.maxLineOctets) return this.overflowed(lines);
    return { lines, overflow: false };
  }

  /** Forgets any partial line, e.g. plaintext that followed STLS before the handshake. */
  clear(): void {
    this.pending = Buffer.alloc(0);
  }

  private overflowed(lines: Buffer[]): ReadResult {
    this.clear();
    return { lines, overflow: true };
  }
}
