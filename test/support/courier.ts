/**
 * A private, throwaway Courier pop3d (Courier Mail Server 1.0, Debian's `courier-pop`) for
 * integration tests, serving Maildirs over implicit TLS on a free loopback port.
 *
 * What runs, all in one process group under the guard of ./dovecot.ts (so `close()`, or this
 * process dying, kills every one of them):
 *
 *   unshare --mount  (a private mount namespace; see below)
 *     authdaemond            Courier's authentication daemon, in the foreground, authuserdb only
 *     couriertcpd -address=127.0.0.1 … PORT couriertls -server -tcpd
 *         courierpop3login courierpop3d Maildir     (one couriertls + pop3d per connection)
 *
 * Courier's paths are compiled in: authdaemond reads /etc/courier/authdaemonrc and
 * /etc/courier/userdb.dat and listens on /run/courier/authdaemon/socket, where
 * courierpop3login looks for it. So that nothing system-wide is written or started, the
 * instance runs in its own mount namespace, where the temp dir's `etc/` is bind-mounted on
 * /etc/courier and its `authdaemon/` on /run/courier/authdaemon: other processes (a system
 * authdaemond, a second instance) never see these mounts, and they vanish with the processes.
 * The only thing that may be touched outside the temp dir: /run/courier/authdaemon is
 * created (empty) when the package's runtime dir is missing, as a mount point.
 *
 * Users are userdb entries (`makeuserdb -f <dir>/etc/userdb`, `{SHA}` passwords, uid/gid of
 * nobody); mail lives in <dir>/mail/<user>/Maildir. Courier sends each LF of a stored file as
 * CRLF, so deliver() takes messages with Unix line ends (see {@link asRetrievedFromCourier}).
 * A session's first look at a Maildir moves new/ to cur/ and writes courierpop3dsizelist (the
 * UIDL list): call settle() after delivering, before the test's first request.
 *
 * Courier marks a message Seen on RETR by renaming its file (`…:2,` to `…:2,S`); a session
 * that listed before the rename still holds the old name (issue 15).
 *
 * Requires: root; couriertcpd, couriertls (courier-base), authdaemond (courier-authdaemon),
 * makeuserdb (courier-authlib-userdb); courier-pop unpacked into .tmp/courier-pop (it cannot
 * be installed beside dovecot-pop3d); util-linux's unshare; openssl. scripts/test.sh does it.
 */
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Pop3Client } from '../../src/pop3/client';
import type { Pop3ConnectOptions, UidlEntry } from '../../src/pop3/types';
import {
  DEFAULT_USERS,
  errorText,
  freePorts,
  groupHasProcesses,
  killGroup,
  lookupMailOwner,
  spawnGuarded,
  testPki,
  type DovecotUser,
} from './dovecot';
import { readAll } from './streams';
import { waitFor } from './waiting';

const run = promisify(execFile);

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 20_000;

export type CourierUser = DovecotUser;

export interface CourierOptions {
  /** Mailbox users (default: alice/alice-secret and bob/bob-secret). */
  users?: CourierUser[];
}

export interface CourierServer {
  host: '127.0.0.1';
  /** Implicit TLS (Courier's pop3d-ssl); there is no plain port. */
  pop3sPort: number;
  /** The CA that signed the server certificate (valid for DNS:localhost and IP:127.0.0.1). */
  caPem: string;
  users: CourierUser[];
  /** The instance's temp dir (config, log, mail); removed by close(). */
  dir: string;
  /** The pids of the instance's processes right now (every process in its PID namespace, seen from here). */
  processes(): number[];
  /**
   * Drop a message into the user's Maildir/new (written to tmp/, then renamed); POP3 order is
   * the order of deliver() calls. Give it Unix line ends: Courier sends each LF as CRLF.
   */
  deliver(user: string, message: Buffer | string): Promise<void>;
  /**
   * One POP3 session per user (or for `user`): login, UIDL, QUIT. Moves new/ to cur/ and writes
   * courierpop3dsizelist, so later sessions (and file renames) start from a settled Maildir.
   */
  settle(user?: string): Promise<void>;
  /** Connect options for our own clients (implicit TLS, the test CA trusted). */
  connectOptions(timeoutMs?: number): Pop3ConnectOptions;
  /** A logged-in session of our own: "another client". Call quit() (commits DELE) or destroy(). */
  login(user: string): Promise<Pop3Client>;
  /**
   * "Another client": logs in, runs `use`, then QUITs (which commits its DELEs and, on Courier,
   * the Seen renames of what it RETRieved). Resolves to what `use` resolved to.
   */
  asOtherClient<T>(user: string, use: (client: Pop3Client) => Promise<T>): Promise<T>;
  /** The UIDL listing of a fresh session (logged in now, QUIT after). */
  uidls(user: string): Promise<UidlEntry[]>;
  /** RETR of every message in a fresh session, by UIDL id. */
  retrieveAll(user: string): Promise<Map<string, Buffer>>;
  /** The message files in the user's Maildir (cur/ and new/), names with their flags. */
  maildirFiles(user: string): Promise<string[]>;
  /** What the processes wrote to stderr so far (couriertcpd, couriertls, pop3d, authdaemond). */
  log(): Promise<string>;
  /** Kill every process of the instance and remove the temp dir. Safe to call twice. */
  close(): Promise<void>;
}

/** What Courier's RETR sends for a stored message: every LF as CRLF (a stored CRLF stays). */
export function asRetrievedFromCourier(stored: Buffer): Buffer {
  return Buffer.from(stored.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/** A message as Courier wants it stored: Unix line ends. */
export function withUnixLineEnds(message: Buffer | string): Buffer {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  return Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
}

/** Start a private Courier pop3d. Resolves once a TLS session gets its greeting. */
export async function startCourier(opts: CourierOptions = {}): Promise<CourierServer> {
  const users = (opts.users ?? DEFAULT_USERS).map((u) => ({ ...u }));
  for (const u of users) {
    if (!/^[a-z0-9._-]+$/i.test(u.name) || /[\n|]/.test(u.password)) {
      throw new Error(`unsupported test user ${JSON.stringify(u.name)}`);
    }
  }
  const found = findCourier();
  const mailOwner = await lookupMailOwner();
  const pki = await testPki();

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'popgate-courier-'));
  // courierpop3d runs as nobody and must traverse this dir to the Maildirs.
  await fs.chmod(dir, 0o755);
  // It is exec'd after the switch to nobody too, so it must not sit below a folder nobody
  // cannot enter (a checkout in a 0700 mktemp folder, say): a copy here always can.
  const pop3d = path.join(dir, 'courierpop3d');
  await fs.copyFile(found.pop3d, pop3d);
  await fs.chmod(pop3d, 0o755);
  const bins = { ...found, pop3d };
  const etcDir = path.join(dir, 'etc');
  const authDir = path.join(dir, 'authdaemon');
  const mailRoot = path.join(dir, 'mail');
  const logPath = path.join(dir, 'courier.log');
  await Promise.all([fs.mkdir(etcDir, { mode: 0o755 }), fs.mkdir(authDir, { mode: 0o755 }), fs.mkdir(mailRoot, { mode: 0o755 })]);

  let guard: ChildProcess | null = null;
  let closed = false;
  /** The instance's PID namespace (`pid:[…]`), written by run.sh. */
  let pidNamespace: string | null = null;

  function processes(): number[] {
    pidNamespace ??= readIfExists(path.join(dir, 'pidns'));
    return pidNamespace === null ? [] : processesInPidNamespace(pidNamespace);
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    try {
      const child = guard;
      guard = null;
      if (child?.pid !== undefined) {
        const gone = child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // The guard and unshare; unshare's death kills the namespace's first process, and
        // with it every process of the namespace.
        killGroup(child.pid, 'SIGKILL');
        await gone;
        const pgid = child.pid;
        await waitFor(() => !groupHasProcesses(pgid) && processes().length === 0, {
          timeoutMs: 10_000,
          what: 'the killed Courier processes to be gone',
        });
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  try {
    // authdaemond's config: userdb only (the packaged one asks PAM), few daemons.
    await fs.writeFile(
      path.join(etcDir, 'authdaemonrc'),
      'authmodulelist="authuserdb"\nauthmodulelistorig="authuserdb"\ndaemons=3\n' +
        'authdaemonvar=/run/courier/authdaemon\nDEBUG_LOGIN=0\nDEFAULTOPTIONS=""\nLOGGEROPTS=""\n',
    );
    // makeuserdb refuses a userdb with group or world permissions.
    await fs.writeFile(
      path.join(etcDir, 'userdb'),
      users
        .map((u) => {
          const home = path.join(mailRoot, u.name);
          const sha = createHash('sha1').update(u.password, 'utf8').digest('base64');
          return `${u.name}\tuid=${mailOwner.uid}|gid=${mailOwner.gid}|home=${home}|systempw={SHA}${sha}\n`;
        })
        .join(''),
      { mode: 0o600 },
    );
    await run(bins.makeuserdb, ['-f', path.join(etcDir, 'userdb')]);
    // couriertls reads key and certificate from one PEM (before it drops to user courier).
    await fs.writeFile(path.join(etcDir, 'pop3d.pem'), pki.serverKeyPem + pki.serverCertPem, { mode: 0o600 });
    const dhparams = existsSync('/etc/courier/dhparams.pem') ? path.join(etcDir, 'dhparams.pem') : '';
    if (dhparams) await fs.copyFile('/etc/courier/dhparams.pem', dhparams);

    for (const u of users) {
      const home = path.join(mailRoot, u.name);
      await fs.mkdir(home, { mode: 0o700 });
      for (const sub of ['Maildir', 'Maildir/tmp', 'Maildir/new', 'Maildir/cur']) {
        await fs.mkdir(path.join(home, sub), { mode: 0o700 });
      }
      for (const d of [home, ...['Maildir', 'Maildir/tmp', 'Maildir/new', 'Maildir/cur'].map((s) => path.join(home, s))]) {
        await fs.chown(d, mailOwner.uid, mailOwner.gid);
      }
    }

    const [port] = await freePorts(1);
    const pop3sPort = port!;
    const script = path.join(dir, 'run.sh');
    await fs.writeFile(script, runScript({ dir, etcDir, authDir, bins }), { mode: 0o755 });
    await fs.writeFile(path.join(dir, 'pop3d.sh'), pop3dScript({ etcDir, port: pop3sPort, bins, dhparams }), { mode: 0o755 });
    // A new PID namespace too: couriertcpd makes itself a process group of its own, so killing
    // the guard's group would miss it. Killing the namespace's first process (--kill-child:
    // when unshare dies) kills every process in the namespace.
    const child = await spawnGuarded(
      bins.unshare,
      ['--mount', '--propagation', 'private', '--pid', '--fork', '--kill-child=SIGKILL', '/bin/sh', script],
      logPath,
      dir,
    );
    guard = child;

    const readLog = (): Promise<string> => fs.readFile(logPath, 'utf8').catch(() => '');

    const connectOptions = (timeoutMs = 10_000): Pop3ConnectOptions => ({
      host: HOST,
      port: pop3sPort,
      tls: 'implicit',
      ca: pki.caPem,
      servername: 'localhost',
      timeoutMs,
      maxMessageBytes: 64 * 1024 * 1024,
    });

    function userOf(name: string): CourierUser {
      const user = users.find((u) => u.name === name);
      if (!user) throw new Error(`no such test user: ${name}`);
      return user;
    }

    async function login(name: string): Promise<Pop3Client> {
      const user = userOf(name);
      const client = await Pop3Client.connect(connectOptions());
      try {
        await client.login({ user: user.name, password: user.password }, 'user');
        return client;
      } catch (err) {
        client.destroy();
        throw err;
      }
    }

    async function asOtherClient<T>(name: string, use: (client: Pop3Client) => Promise<T>): Promise<T> {
      const client = await login(name);
      try {
        const result = await use(client);
        await client.quit();
        return result;
      } finally {
        client.destroy();
      }
    }

    // Ready: authdaemond answers (the run script waits for its socket) and a TLS session greets.
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => reject(new Error(`the Courier run script exited (${code ?? signal})`))),
    );
    exited.catch(() => undefined);
    const greets = async (): Promise<boolean> => {
      try {
        const client = await Pop3Client.connect(connectOptions(2_000));
        await client.quit().catch(() => undefined);
        return true;
      } catch {
        return false;
      }
    };
    try {
      await Promise.race([waitFor(greets, { timeoutMs: READY_TIMEOUT_MS, what: `a TLS greeting on port ${pop3sPort}` }), exited]);
      // …and a login works (the socket can exist a moment before authdaemond's modules are loaded).
      await Promise.race([
        waitFor(async () => asOtherClient(users[0]!.name, () => Promise.resolve(true)).catch(() => false), { timeoutMs: READY_TIMEOUT_MS, what: 'a first login' }),
        exited,
      ]);
    } catch (err) {
      const log = await readLog();
      throw new Error(`Courier did not start: ${errorText(err)}\n${log.trim()}`);
    }

    let deliveries = 0;
    const baseSecond = Math.floor(Date.now() / 1000) - 86_400;

    async function deliver(name: string, message: Buffer | string): Promise<void> {
      const maildir = path.join(mailRoot, userOf(name).name, 'Maildir');
      // Courier orders a scan by modification time, then name: both increase per call (named
      // before the first await, so concurrent calls keep their order too).
      deliveries += 1;
      const n = deliveries;
      const second = baseSecond + n;
      const file = `${second}.M${String(n).padStart(6, '0')}P${process.pid}.popgate-test`;
      const tmpPath = path.join(maildir, 'tmp', file);
      await fs.writeFile(tmpPath, message, { mode: 0o600 });
      await fs.chown(tmpPath, mailOwner.uid, mailOwner.gid);
      await fs.utimes(tmpPath, second, second);
      await fs.rename(tmpPath, path.join(maildir, 'new', file));
    }

    async function uidls(name: string): Promise<UidlEntry[]> {
      return asOtherClient(name, (client) => client.uidl());
    }

    async function settle(name?: string): Promise<void> {
      for (const u of name === undefined ? users : [userOf(name)]) await uidls(u.name);
    }

    async function retrieveAll(name: string): Promise<Map<string, Buffer>> {
      return asOtherClient(name, async (client) => {
        const out = new Map<string, Buffer>();
        for (const entry of await client.uidl()) out.set(entry.uid, await readAll(await client.retr(entry.number)));
        return out;
      });
    }

    async function maildirFiles(name: string): Promise<string[]> {
      const maildir = path.join(mailRoot, userOf(name).name, 'Maildir');
      const files: string[] = [];
      for (const sub of ['new', 'cur']) {
        for (const f of await fs.readdir(path.join(maildir, sub))) files.push(`${sub}/${f}`);
      }
      return files.sort();
    }

    return {
      host: HOST,
      pop3sPort,
      caPem: pki.caPem,
      users,
      dir,
      processes,
      deliver,
      settle,
      connectOptions,
      login,
      asOtherClient,
      uidls,
      retrieveAll,
      maildirFiles,
      log: readLog,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

interface CourierBinaries {
  unshare: string;
  makeuserdb: string;
  authdaemond: string;
  couriertcpd: string;
  couriertls: string;
  pop3login: string;
  pop3d: string;
  /** The unpacked package's etc/courier (pop3d, pop3d-ssl: the daemon's variables). */
  configDir: string;
}

/** The unpacked courier-pop (COURIER_POP_DIR, default .tmp/courier-pop), or an installed one. */
function findCourier(): CourierBinaries {
  const unpacked = process.env.COURIER_POP_DIR ?? path.resolve(__dirname, '../../.tmp/courier-pop');
  const root = existsSync(path.join(unpacked, 'usr/lib/courier/courier/courierpop3d')) ? unpacked : '/';
  const need = (p: string, hint: string): string => {
    if (!existsSync(p)) throw new Error(`${p} not found: ${hint} (scripts/test.sh does it)`);
    return p;
  };
  const pkgs = 'apt-get install courier-base courier-authdaemon courier-authlib-userdb';
  const pop = `apt-get download courier-pop and dpkg -x it into ${unpacked}`;
  return {
    unshare: need('/usr/bin/unshare', 'install util-linux'),
    makeuserdb: need('/usr/sbin/makeuserdb', pkgs),
    authdaemond: need('/usr/lib/courier/courier-authlib/authdaemond', pkgs),
    couriertcpd: need('/usr/sbin/couriertcpd', pkgs),
    couriertls: need('/usr/bin/couriertls', pkgs),
    pop3login: need(path.join(root, 'usr/lib/courier/courier/courierpop3login'), pop),
    pop3d: need(path.join(root, 'usr/lib/courier/courier/courierpop3d'), pop),
    configDir: need(path.join(root, 'etc/courier'), pop),
  };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The instance, run by `unshare --mount --propagation private /bin/sh run.sh`: private mounts
 * over Courier's compiled-in paths, authdaemond in the background (run directly, it stays in
 * the foreground), then pop3d.sh in place of the shell, with a clean environment.
 */
function runScript(p: { dir: string; etcDir: string; authDir: string; bins: CourierBinaries }): string {
  const q = shellQuote;
  return `# Generated by test/support/courier.ts; runs in a private mount namespace.
set -eu
[ -d /etc/courier ] || { echo '/etc/courier is missing (install courier-base)' >&2; exit 1; }
mkdir -p /run/courier/authdaemon
mount --bind ${q(p.etcDir)} /etc/courier
mount --bind ${q(p.authDir)} /run/courier/authdaemon
cd ${q(p.dir)}
readlink /proc/self/ns/pid > pidns
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ${q(p.bins.authdaemond)} &
i=0
while [ ! -S /run/courier/authdaemon/socket ]; do
  i=$((i + 1))
  [ "$i" -le 400 ] || { echo 'authdaemond made no socket within 20 s' >&2; exit 1; }
  sleep 0.05
done
exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin /bin/sh ${q(path.join(p.dir, 'pop3d.sh'))}
`;
}

/**
 * What the packaged pop3d-ssl start script runs, in the foreground and on 127.0.0.1:port:
 * the variables of the packaged pop3d + pop3d-ssl files, POP3_TLS=1, our certificate.
 */
function pop3dScript(p: { etcDir: string; port: number; bins: CourierBinaries; dhparams: string }): string {
  const q = shellQuote;
  const b = p.bins;
  // Not `set -u`: pop3d-ssl reads $TLS_PROTOCOL, which it may leave unset.
  return `# Generated by test/support/courier.ts.
set -e
set -a
. ${q(path.join(b.configDir, 'pop3d'))}
. ${q(path.join(b.configDir, 'pop3d-ssl'))}
POP3_TLS=1
POP3_STARTTLS=NO
POP3_TLS_REQUIRED=0
TLS_CERTFILE=${q(path.join(p.etcDir, 'pop3d.pem'))}
TLS_DHPARAMS=${q(p.dhparams)}
TLS_CACHEFILE=
set +a
exec ${q(b.couriertcpd)} -address=${HOST} -maxprocs=100 -maxperip=100 $TCPDOPTS ${p.port} \\
  ${q(b.couriertls)} -server -tcpd -user=courier \\
  ${q(b.pop3login)} ${q(b.pop3d)} Maildir
`;
}

function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** Pids (in our namespace) of the processes whose PID namespace is `ns` (`pid:[4026…]`). */
function processesInPidNamespace(ns: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/ns/pid`) === ns) pids.push(Number(entry));
    } catch {
      // Gone while we looked, or a zombie (whose namespaces cannot be read).
    }
  }
  return pids;
}
