/**
 * The baselines' POP3 client: a bare TLS socket that writes command lines and reads replies
 * without parsing them — it only finds the end of a status line (CRLF) or of a multi-line
 * reply (CRLF.CRLF, wherever the TCP chunks split it) and counts the octets. It is the
 * cheapest possible reader, so the gateway is measured against the protocol's own cost.
 */
import * as tls from 'node:tls';

export interface RawPop3Options {
  host: string;
  port: number;
  ca: string;
  servername: string;
}

const TERMINATOR = Buffer.from('\r\n.\r\n');
const CRLF = Buffer.from('\r\n');

/**
 * One TLS context per CA, as popgate keeps: building it parses the whole root store, a cost
 * of milliseconds that belongs to neither side's per-request work.
 */
const contexts = new Map<string, tls.SecureContext>();
function contextFor(ca: string): tls.SecureContext {
  let context = contexts.get(ca);
  if (!context) {
    context = tls.createSecureContext({ ca: [...tls.rootCertificates, ca] });
    contexts.set(ca, context);
  }
  return context;
}

type Pending =
  | { kind: 'line'; resolve(line: string): void; reject(err: Error): void }
  | { kind: 'multi'; resolve(octets: number): void; reject(err: Error): void; octets: number; statusSeen: boolean };

export class RawPop3 {
  /** Received octets not yet consumed (status lines wait here until their CRLF arrives). */
  private buffer: Buffer = Buffer.alloc(0);
  /** Up to 4 body octets before the current chunk, not yet counted: the start of a split terminator. */
  private tail: Buffer = CRLF;
  private readonly queue: Pending[] = [];
  private closed: Error | null = null;

  private constructor(private readonly socket: tls.TLSSocket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (err: Error): void => {
      this.closed ??= err;
      for (const p of this.queue.splice(0)) p.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  /** Connects over implicit TLS and reads the greeting. */
  static async connect(opts: RawPop3Options): Promise<RawPop3> {
    const socket = tls.connect({ host: opts.host, port: opts.port, secureContext: contextFor(opts.ca), servername: opts.servername });
    const client = new RawPop3(socket);
    const greeting = client.expectLine();
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    client.check(await greeting);
    return client;
  }

  /** USER/PASS, pipelined in one write. */
  async login(user: string, password: string): Promise<void> {
    const replies = [this.expectLine(), this.expectLine()];
    this.socket.write(`USER ${user}\r\nPASS ${password}\r\n`);
    for (const reply of replies) this.check(await reply);
  }

  /** A command with a one-line reply; returns the line. */
  async simple(command: string): Promise<string> {
    const reply = this.expectLine();
    this.socket.write(`${command}\r\n`);
    return this.check(await reply);
  }

  /** Commands with multi-line replies, pipelined in one write; resolves with each body's octet count. */
  multiline(...commands: string[]): Promise<number[]> {
    const replies = commands.map(() => this.expectMultiline());
    this.socket.write(commands.map((c) => `${c}\r\n`).join(''));
    return Promise.all(replies);
  }

  /** QUIT, waiting for the server's +OK (the point where a POP3 session commits). */
  async quit(): Promise<void> {
    await this.simple('QUIT');
    this.socket.destroy();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private expectLine(): Promise<string> {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'line', resolve, reject });
    });
  }

  private expectMultiline(): Promise<number> {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'multi', resolve, reject, octets: 0, statusSeen: false });
    });
  }

  private check(line: string): string {
    if (!line.startsWith('+OK')) throw new Error(`POP3 server said: ${line}`);
    return line;
  }

  private onData(chunk: Buffer): void {
    let rest: Buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.buffer = Buffer.alloc(0);
    while (rest.length > 0) {
      const head = this.queue[0];
      if (!head) break;
      if (head.kind === 'multi' && head.statusSeen) {
        const after = this.body(head, rest);
        if (after === null) return;
        rest = after;
        continue;
      }
      const eol = rest.indexOf('\r\n');
      if (eol === -1) break;
      const line = rest.toString('latin1', 0, eol);
      rest = rest.subarray(eol + 2);
      if (head.kind === 'line') {
        this.queue.shift();
        head.resolve(line);
      } else if (line.startsWith('+OK')) {
        head.statusSeen = true;
        // The status line's CRLF may be the first half of the terminator (an empty body): it
        // starts the tail, and is taken back out of the count.
        this.tail = CRLF;
        head.octets = -CRLF.length;
      } else {
        this.queue.shift();
        head.reject(new Error(`POP3 server said: ${line}`));
      }
    }
    this.buffer = rest;
  }

  /**
   * Counts body octets in `chunk` without copying it; returns what follows the terminator,
   * or null when the body goes on in a later chunk.
   */
  private body(head: Extract<Pending, { kind: 'multi' }>, chunk: Buffer): Buffer | null {
    // tail + chunk, searched without concatenating the whole chunk.
    const seam = Buffer.concat([this.tail, chunk.subarray(0, TERMINATOR.length - 1)]);
    let end = seam.indexOf(TERMINATOR);
    let consumed: number;
    if (end !== -1) {
      consumed = end + TERMINATOR.length - this.tail.length;
    } else {
      const inChunk = chunk.indexOf(TERMINATOR);
      if (inChunk === -1) {
        const joined = chunk.length >= 4 ? chunk : Buffer.concat([this.tail, chunk]);
        head.octets += this.tail.length + chunk.length - Math.min(4, joined.length);
        this.tail = joined.subarray(joined.length - Math.min(4, joined.length));
        return null;
      }
      end = this.tail.length + inChunk;
      consumed = inChunk + TERMINATOR.length;
    }
    // `end` counts from the start of the tail; the body keeps the CRLF before the dot.
    head.octets += end + 2;
    this.queue.shift();
    head.resolve(head.octets);
    this.tail = CRLF;
    return chunk.subarray(consumed);
  }
}
