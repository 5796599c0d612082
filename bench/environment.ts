/**
 * Everything a run measures against, started fresh and private to the run: Dovecot with the
 * benchmark mailboxes, redis-server, and popgate pointed at both.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { startDovecot, type DovecotServer } from '../test/support/dovecot';
import { startRedis, type TestRedis } from '../test/support/redis-server';
import { basicAuth, postJson } from './load';
import { fillMaildir } from './maildir';
import { largeMessage, smallMessage } from './messages';
import type { BenchProfile } from './profile';
import { RawPop3, type RawPop3Options } from './raw-pop3';
import { type Placement, startPopgate, type ServerUnderTest } from './servers';

export interface BenchUser {
  name: string;
  password: string;
  /** `Authorization: Basic …` for this user. */
  headers: Record<string, string>;
}

export interface BenchEnvironment {
  profile: BenchProfile;
  dovecot: DovecotServer;
  redis: TestRedis;
  popgate: ServerUnderTest;
  /** How the baselines reach Dovecot (implicit TLS, the test CA trusted). */
  pop3: RawPop3Options;
  /** An ADMIN_TOKENS value of popgate (the accounts and events APIs need a token). */
  adminToken: string;
  /** POOL_MAX_PER_MAILBOX popgate runs with. */
  poolMaxPerMailbox: number;
  /** A scratch directory, removed by close(). */
  tmpDir: string;
  users: {
    /** `profile.smallCount` messages: the mailbox for STAT. */
    small: BenchUser;
    /** `profile.largeCount` messages: the listings. */
    large: BenchUser;
    /** One message of `profile.bigBytes`. */
    big: BenchUser;
    /** `profile.smallCount` messages: the 500 concurrent clients. */
    crowd: BenchUser;
  };
  /** The large mailbox again, as a registered account, reached with a `pgt_` token (messages:read, bound to it). */
  largeAccount: { id: string; headers: Record<string, string> };
  close(): Promise<void>;
}

const POOL_MAX_PER_MAILBOX = 2;

/** What to stop at the end, in the order it was started; closeAll stops it in reverse. */
export type Closers = (() => Promise<unknown>)[];

export async function closeAll(closers: Closers): Promise<void> {
  // test/support/dovecot.ts unrefs its child so it never holds a test run open; outside
  // jest, nothing else would keep the event loop alive while close() waits for it to exit.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    for (const closer of closers.splice(0).reverse()) await closer().catch(() => undefined);
  } finally {
    clearInterval(keepAlive);
  }
}

/** A scratch directory, removed by `closers`. */
export async function scratchDir(closers: Closers, prefix = 'popgate-bench-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  closers.push(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * popgate pointed at `dovecot` over implicit TLS (its CA written to `tmpDir` and trusted), with a
 * random POPGATE_SECRET and admin token, and `env` on top (REDIS_URL for BullMQ and the shared
 * cache); stopped by `closers`.
 */
export async function startGatewayFor(
  dovecot: DovecotServer,
  tmpDir: string,
  placement: Placement,
  env: Record<string, string>,
  closers: Closers,
): Promise<{ popgate: ServerUnderTest; adminToken: string }> {
  const adminToken = randomBytes(24).toString('base64url');
  const caFile = path.join(tmpDir, 'ca.pem');
  await fs.writeFile(caFile, dovecot.caPem);
  const popgate = await startPopgate(
    {
      POP3_HOST: dovecot.host,
      POP3_PORT: String(dovecot.pop3sPort),
      POP3_TLS: 'implicit',
      POP3_CA_FILE: caFile,
      POP3_TLS_SERVERNAME: 'localhost',
      POPGATE_SECRET: randomBytes(32).toString('base64'),
      ADMIN_TOKENS: adminToken,
      // The benchmark logs in thousands of times from one address; none of it is a failure.
      AUTH_FAILURE_LIMIT: '1000000',
      LOG_LEVEL: placement === 'child' ? 'warn' : 'silent',
      ...env,
    },
    placement,
  );
  closers.push(() => popgate.close());
  return { popgate, adminToken };
}

export async function setUp(profile: BenchProfile, log: (line: string) => void = () => undefined): Promise<BenchEnvironment> {
  const names = ['small', 'large', 'big', 'crowd'] as const;
  const users = Object.fromEntries(
    names.map((name) => {
      const password = `${name}-bench-secret`;
      return [name, { name: `bench-${name}`, password, headers: basicAuth(`bench-${name}`, password) }];
    }),
  ) as BenchEnvironment['users'];

  const closers: Closers = [];
  const close = (): Promise<void> => closeAll(closers);
  try {
    const tmpDir = await scratchDir(closers);

    log('starting dovecot and redis');
    const dovecot = await startDovecot({ users: Object.values(users).map((u) => ({ name: u.name, password: u.password })) });
    closers.push(() => dovecot.close());
    const redis = await startRedis();
    closers.push(() => redis.close());

    log(`writing mailboxes: ${profile.smallCount}, ${profile.largeCount} messages, one of ${profile.bigBytes} octets`);
    const mailRoot = path.join(dovecot.dir, 'mail');
    await fillMaildir(mailRoot, users.small.name, profile.smallCount, smallMessage);
    await fillMaildir(mailRoot, users.crowd.name, profile.smallCount, smallMessage);
    await fillMaildir(mailRoot, users.large.name, profile.largeCount, smallMessage);
    const big = largeMessage(profile.bigBytes);
    await fillMaildir(mailRoot, users.big.name, 1, () => big);

    const pop3: RawPop3Options = { host: dovecot.host, port: dovecot.pop3sPort, ca: dovecot.caPem, servername: 'localhost' };
    // Dovecot builds its index and uidlist at a mailbox's first login: never inside a measurement.
    log('indexing the mailboxes');
    for (const user of Object.values(users)) {
      const session = await RawPop3.connect(pop3);
      await session.login(user.name, user.password);
      await session.multiline('LIST', 'UIDL');
      await session.quit();
    }

    log(`starting popgate (${profile.placement})`);
    const { popgate, adminToken } = await startGatewayFor(
      dovecot,
      tmpDir,
      profile.placement,
      { REDIS_URL: redis.url, POOL_MAX_PER_MAILBOX: String(POOL_MAX_PER_MAILBOX) },
      closers,
    );

    log('registering the large mailbox as an account, with a token for it');
    const admin = { authorization: `Bearer ${adminToken}` };
    const account = { id: 'bench-large', pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: users.large.name, password: users.large.password } };
    await postJson(`${popgate.url}/accounts`, admin, account);
    const { token } = await postJson<{ token: string }>(`${popgate.url}/tokens`, admin, { account: account.id, scopes: ['messages:read'] });
    const largeAccount = { id: account.id, headers: { authorization: `Bearer ${token}` } };

    return { profile, dovecot, redis, popgate, pop3, adminToken, poolMaxPerMailbox: POOL_MAX_PER_MAILBOX, tmpDir, users, largeAccount, close };
  } catch (err) {
    await close();
    throw err;
  }
}
