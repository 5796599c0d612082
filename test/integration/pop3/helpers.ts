/** Shared set-up for the POP3 client's tests against the test Dovecot. */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Pop3Client, type AuthMethod, type Pop3ConnectOptions } from '../../../src/pop3';
import type { DovecotServer } from '../../support/dovecot';

/** Implicit TLS to the test server, trusting its CA. */
export function implicitTls(server: DovecotServer, overrides: Partial<Pop3ConnectOptions> = {}): Pop3ConnectOptions {
  return {
    host: server.host,
    port: server.pop3sPort,
    tls: 'implicit',
    ca: server.caPem,
    timeoutMs: 10_000,
    maxMessageBytes: 64 * 1024 * 1024,
    ...overrides,
  };
}

/** Plain TCP to the test server, upgraded with STLS. */
export function startTls(server: DovecotServer, overrides: Partial<Pop3ConnectOptions> = {}): Pop3ConnectOptions {
  return implicitTls(server, { port: server.pop3Port, tls: 'starttls', ...overrides });
}

/** Connects over implicit TLS and logs in as `user` with its test password. */
export async function loggedIn(
  server: DovecotServer,
  user = 'alice',
  method: AuthMethod = 'auto',
  overrides: Partial<Pop3ConnectOptions> = {},
): Promise<Pop3Client> {
  const password = server.users.find((u) => u.name === user)?.password;
  if (password === undefined) throw new Error(`no test user ${user}`);
  const client = await Pop3Client.connect(implicitTls(server, overrides));
  await client.login({ user, password }, method);
  return client;
}

/** Reads a body stream chunk by chunk without keeping it: byte count, sha256, largest chunk. */
export async function digest(body: Readable): Promise<{ bytes: number; sha256: string; chunks: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let chunks = 0;
  for await (const chunk of body) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    chunks += 1;
  }
  return { bytes, sha256: hash.digest('hex'), chunks };
}

/** Removes every message from `user`'s maildrop through POP3 (DELE all + QUIT). */
export async function emptyMailbox(server: DovecotServer, user = 'alice'): Promise<void> {
  const client = await loggedIn(server, user);
  const { count } = await client.stat();
  for (let n = 1; n <= count; n++) await client.dele(n);
  await client.quit();
}
