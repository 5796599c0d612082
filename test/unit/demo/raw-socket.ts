import * as net from 'node:net';
import * as tls from 'node:tls';

/**
 * A bare socket that speaks to a POP3 server byte by byte, for tests that must see exactly
 * what is on the wire (dot-stuffing, split chunks, resets). Deliberately not our POP3 client.
 */
export class RawSocket {
  /** Received bytes not yet read, as chunks: joined only when looked into, so big replies stay linear. */
  private parts: Buffer[] = [];
  private bufferedLength = 0;
  private waiters: Array<() => void> = [];
  /** Set when the peer closed; `error` holds why, if it was an error (e.g. ECONNRESET). */
  closed = false;
  /** How many separate reads delivered data (to see that a reply arrived in pieces). */
  chunks = 0;
  error: NodeJS.ErrnoException | undefined;

  private constructor(private socket: net.Socket) {
    this.attach(socket);
  }

  /** Connects over TLS trusting `ca` (implicit TLS), or in plaintext when `ca` is null. */
  static async connect(port: number, ca: string | null): Promise<RawSocket> {
    const socket = ca === null
      ? net.connect({ host: '127.0.0.1', port })
      : tls.connect({ host: '127.0.0.1', port, ca, servername: 'localhost' });
    await new Promise<void>((resolve, reject) => {
      socket.once(ca === null ? 'connect' : 'secureConnect', () => resolve());
      socket.once('error', reject);
    });
    return new RawSocket(socket);
  }

  get tlsProtocol(): string | null {
    return this.socket instanceof tls.TLSSocket ? this.socket.getProtocol() : null;
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Sends one command line and returns the single-line reply. */
  async command(line: string): Promise<string> {
    this.send(`${line}\r\n`);
    return this.readLine();
  }

  /** The next CRLF-terminated line, without CRLF. */
  async readLine(timeoutMs = 5000): Promise<string> {
    const end = await this.waitFor(() => this.buffered.indexOf('\r\n'), timeoutMs);
    const line = this.buffered.subarray(0, end).toString('utf8');
    this.buffered = this.buffered.subarray(end + 2);
    return line;
  }

  /** The body of a multi-line reply exactly as sent, up to and including `.CRLF`. */
  async readMultilineBody(timeoutMs = 5000): Promise<Buffer> {
    const find = (): number => {
      if (this.buffered.subarray(0, 3).equals(Buffer.from('.\r\n'))) return 3;
      const at = this.buffered.indexOf('\r\n.\r\n');
      return at === -1 ? -1 : at + 5;
    };
    const end = await this.waitFor(find, timeoutMs);
    const body = this.buffered.subarray(0, end);
    this.buffered = this.buffered.subarray(end);
    return body;
  }

  /** Resolves once `count` bytes are buffered (or the socket closed), returning them all. */
  async readBytes(count: number, timeoutMs = 5000): Promise<Buffer> {
    await this.waitFor(() => (this.bufferedLength >= count || this.closed ? 0 : -1), timeoutMs);
    const bytes = this.buffered.subarray(0, count);
    this.buffered = this.buffered.subarray(bytes.length);
    return bytes;
  }

  /** Everything received and not yet read. */
  get unread(): Buffer {
    return this.buffered;
  }

  /** Waits until the peer has closed the connection. */
  async waitForClose(timeoutMs = 5000): Promise<void> {
    await this.waitFor(() => (this.closed ? 0 : -1), timeoutMs);
  }

  /** Whether nothing arrives for `ms` (e.g. a server that stalls). */
  async staysSilent(ms: number): Promise<boolean> {
    const before = this.bufferedLength;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.bufferedLength === before && !this.closed;
  }

  /** Upgrades this plaintext socket to TLS after `+OK` to STLS. */
  async startTls(ca: string): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    const secure = tls.connect({ socket: plain, ca, servername: 'localhost' });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    });
    this.socket = secure;
    this.attach(secure);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private get buffered(): Buffer {
    if (this.parts.length !== 1) this.parts = [Buffer.concat(this.parts)];
    return this.parts[0] as Buffer;
  }

  private set buffered(rest: Buffer) {
    this.parts = [rest];
    this.bufferedLength = rest.length;
  }

  private attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.chunks += 1;
      this.parts.push(chunk);
      this.bufferedLength += chunk.length;
      this.wake();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.error = error;
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  private async waitFor(find: () => number, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== -1) return found;
      if (this.closed) throw new Error(`connection closed; unread: ${JSON.stringify(this.buffered.toString('latin1').slice(0, 200))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; unread: ${JSON.stringify(this.buffered.toString('latin1').slice(0, 200))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
