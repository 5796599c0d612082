/**
 * A private, throwaway Dovecot POP3 server for integration tests.
 *
 * Each call to `startDovecot()` writes its own config into a temp dir (sockets, state, log,
 * mail, certificates all inside it; /etc/dovecot is never read) and listens on two free
 * loopback ports: plain POP3 with STLS, and POP3S (implicit TLS). Call `close()` in
 * `afterAll`: it kills every process of the instance and removes the temp dir.
 *
 * Requires Dovecot 2.3 (`dovecot-pop3d`) and `openssl`; `scripts/test.sh` installs them.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from './waiting';

const run = promisify(execFile);

export interface DovecotUser {
  name: string;
  password: string;
}

export interface DovecotOptions {
  /** Mailbox users (default: alice/alice-secret and bob/bob-secret). */
  users?: DovecotUser[];
  /**
   * Appended verbatim to the generated dovecot.conf, e.g.
   * `protocol pop3 {\n  pop3_lock_session = yes\n}` (then a second login for the same user
   * waits about 10 s, a Dovecot constant, before `-ERR [IN-USE]`).
   */
  extraConfig?: string;
}

export interface DovecotServer {
  host: '127.0.0.1';
  /** Implicit TLS. */
  pop3sPort: number;
  /** Plain TCP; STLS is offered. */
  pop3Port: number;
  /** The CA that signed the server certificate (valid for DNS:localhost and IP:127.0.0.1). */
  caPem: string;
  /** A different CA that signed nothing the server presents. */
  untrustedCaPem: string;
  users: DovecotUser[];
  /** The instance's temp dir (config, log, mail); removed by close(). */
  dir: string;
  /**
   * Drop a message into the user's Maildir/new (written to tmp/, then renamed). Messages
   * get POP3 numbers in the order of deliver() calls; a session sees only what was there
   * at its login.
   */
  deliver(user: string, message: Buffer | string): Promise<void>;
  /**
   * The message files as Dovecot stores them, in POP3 order (ascending UID); messages
   * deleted by a committed QUIT are gone. Needs the server running (doveadm syncs the maildir).
   */
  storedMessages(user: string): Promise<Buffer[]>;
  /** Logged-in POP3 sessions (pop3 processes) right now, for one user or all. 0 while stopped. */
  sessionCount(user?: string): Promise<number>;
  /** The server's log so far (useful in failure messages). */
  log(): Promise<string>;
  /** Kill the server abruptly (every process, every connection); ports become free. */
  stop(): Promise<void>;
  /** Start the stopped server again on the same ports, with the same mail. */
  start(): Promise<void>;
  /** Stop and remove the temp dir. Safe to call twice. */
  close(): Promise<void>;
}

export const DEFAULT_USERS: readonly DovecotUser[] = [
  { name: 'alice', password: 'alice-secret' },
  { name: 'bob', password: 'bob-secret' },
];

const HOST = '127.0.0.1';

const READY_TIMEOUT_MS = 10_000;

/** Start a private Dovecot. Resolves once the plain port answers with a greeting. */
export async function startDovecot(opts: DovecotOptions = {}): Promise<DovecotServer> {
  const users = (opts.users ?? DEFAULT_USERS).map((u) => ({ ...u }));
  for (const u of users) {
    if (!/^[a-z0-9._-]+$/i.test(u.name) || /[:\n]/.test(u.password)) {
      throw new Error(`unsupported test user ${JSON.stringify(u.name)}`);
    }
  }

  const dovecotBin = findBinary('dovecot');
  const doveadmBin = findBinary('doveadm');
  const mailOwner = await lookupMailOwner();
  const pki = await testPki();

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'popgate-dovecot-'));
  // Dovecot's unprivileged processes (dovenull, dovecot, nobody) must traverse this dir.
  await fs.chmod(dir, 0o755);
  const confPath = path.join(dir, 'dovecot.conf');
  const logPath = path.join(dir, 'dovecot.log');
  const mailRoot = path.join(dir, 'mail');
  const runDir = path.join(dir, 'run');
  await Promise.all([
    fs.mkdir(runDir),
    fs.mkdir(path.join(dir, 'state')),
    fs.mkdir(mailRoot, { mode: 0o755 }),
  ]);
  await fs.chown(mailRoot, mailOwner.uid, mailOwner.gid);
  // Homes exist from the start, so every session process changes into its user's home.
  for (const u of users) {
    await fs.mkdir(path.join(mailRoot, u.name), { mode: 0o700 });
    await fs.chown(path.join(mailRoot, u.name), mailOwner.uid, mailOwner.gid);
  }
  await fs.writeFile(path.join(dir, 'server.pem'), pki.serverCertPem + pki.caPem);
  await fs.writeFile(path.join(dir, 'server.key'), pki.serverKeyPem, { mode: 0o600 });
  await fs.writeFile(
    path.join(dir, 'passwd'),
    users
      .map((u) => `${u.name}:{PLAIN}${u.password}:${mailOwner.uid}:${mailOwner.gid}::${path.join(mailRoot, u.name)}::\n`)
      .join(''),
    { mode: 0o644 },
  );

  const ports = await freePorts(2);
  const pop3Port = ports[0]!;
  const pop3sPort = ports[1]!;
  await fs.writeFile(confPath, dovecotConfig({ dir, pop3Port, pop3sPort, extra: opts.extraConfig ?? '' }));

  const adm = async (...args: string[]): Promise<string> =>
    (await run(doveadmBin, ['-c', confPath, ...args], { maxBuffer: 64 * 1024 * 1024 })).stdout;

  let master: ChildProcess | null = null;
  let closed = false;

  /** A stop still cleaning up (reaping, locks, master.pid): a start waits for it, or the two would race. */
  let stopping: Promise<void> = Promise.resolve();
  /** A start in progress: a second call waits for it instead of spawning a second master. */
  let starting: Promise<void> | null = null;

  function start(): Promise<void> {
    starting ??= startOnce().finally(() => {
      starting = null;
    });
    return starting;
  }

  function stop(): Promise<void> {
    stopping = stopping.then(stopOnce, stopOnce);
    return stopping;
  }

  async function startOnce(): Promise<void> {
    await stopping.catch(() => undefined);
    if (master !== null) return;
    const stderrPath = path.join(dir, 'startup.err');
    // Foreground (-F) under a guard, in a new process group: we reap it ourselves (a
    // daemonized, killed master lingers as a zombie that blocks a restart), one signal to
    // the group kills the whole instance, and the guard kills it if this process dies.
    const child = await spawnGuarded(dovecotBin, ['-F', '-c', confPath], stderrPath, dir);
    master = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => reject(new Error(`dovecot exited (${code ?? signal})`))),
    );
    exited.catch(() => undefined);
    try {
      await Promise.race([waitForGreeting(pop3Port, READY_TIMEOUT_MS), exited]);
    } catch (err) {
      await stop();
      const stderr = await fs.readFile(stderrPath, 'utf8').catch(() => '');
      throw new Error(`dovecot did not start: ${errorText(err)}\n${stderr.trim()}\n${await readLog()}`);
    }
  }

  async function stopOnce(): Promise<void> {
    if (master === null) return;
    const child = master;
    master = null;
    const gone = child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // SIGKILL to the whole group (master, login, auth, pop3 processes): a graceful SIGTERM
    // takes Dovecot seconds, and an abrupt stop is the "server went away" case tests want.
    if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    await gone;
    await waitFor(async () => !(await accepts(pop3Port)) && !(await accepts(pop3sPort)), { timeoutMs: 5_000, everyMs: 20, what: 'ports to close' });
    // Until init reaps them, killed session processes live on as zombies, and Dovecot takes a
    // zombie's maildir lock for a live one (kill(pid, 0) succeeds): the restarted server would
    // then wait minutes for it to go stale. Wait for the whole old group to be gone.
    if (child.pid !== undefined) {
      const pgid = child.pid;
      await waitFor(() => !groupHasProcesses(pgid), { timeoutMs: 10_000, everyMs: 20, what: 'the killed processes to be reaped' }).catch(() => undefined);
    }
    // A dotlock (dovecot-uidlist.lock) names its holder by pid, and pids are reused here
    // within a test run: a recycled pid makes a killed session's lock look held for the
    // 2-minute stale timeout. Every holder is dead, so every lock is stale: remove them.
    await removeDotlocks(mailRoot);
    // The killed master may linger as a zombie until init reaps it, and Dovecot refuses to
    // start while master.pid names a live-looking pid. The whole group is dead: drop the file.
    await fs.rm(path.join(runDir, 'master.pid'), { force: true });
  }

  async function readLog(): Promise<string> {
    return fs.readFile(logPath, 'utf8').catch(() => '');
  }

  function userDir(user: string): string {
    if (!users.some((u) => u.name === user)) throw new Error(`no such test user: ${user}`);
    return path.join(mailRoot, user);
  }

  let deliveries = 0;
  let lastSecond = 0;

  async function deliver(user: string, message: Buffer | string): Promise<void> {
    const maildir = userDir(user);
    // Dovecot assigns UIDs to new files sorted by the timestamp and M<usecs> fields of the
    // name, so strictly increasing (second, counter) pairs keep POP3 order = call order
    // (named before the first await, so concurrent calls keep their order too).
    lastSecond = Math.max(lastSecond, Math.floor(Date.now() / 1000));
    deliveries += 1;
    const name = `${lastSecond}.M${deliveries}P${process.pid}Q${deliveries}.popgate-test`;
    for (const sub of ['', 'tmp', 'new', 'cur']) {
      const d = path.join(maildir, sub);
      await fs.mkdir(d, { recursive: true, mode: 0o700 });
      await fs.chown(d, mailOwner.uid, mailOwner.gid);
    }
    const tmpPath = path.join(maildir, 'tmp', name);
    await fs.writeFile(tmpPath, message, { mode: 0o600 });
    await fs.chown(tmpPath, mailOwner.uid, mailOwner.gid);
    await fs.rename(tmpPath, path.join(maildir, 'new', name));
  }

  async function storedMessages(user: string): Promise<Buffer[]> {
    const maildir = userDir(user);
    if (!existsSync(path.join(maildir, 'new'))) return [];
    // Make Dovecot sync the maildir so dovecot-uidlist names every file with its UID.
    await adm('mailbox', 'status', '-u', user, 'messages', 'INBOX');
    const files = new Map<string, string>();
    for (const sub of ['new', 'cur']) {
      for (const f of await fs.readdir(path.join(maildir, sub))) {
        files.set(f.split(':')[0] ?? f, path.join(maildir, sub, f));
      }
    }
    const uidlist = await fs.readFile(path.join(maildir, 'dovecot-uidlist'), 'latin1');
    const byUid: { uid: number; file: string }[] = [];
    for (const line of uidlist.split('\n').slice(1)) {
      const m = /^(\d+)\b.*?:(.+)$/.exec(line);
      if (!m?.[1] || !m[2]) continue;
      const file = files.get(m[2]);
      if (file) byUid.push({ uid: Number(m[1]), file });
    }
    if (byUid.length !== files.size) {
      throw new Error(`dovecot-uidlist of ${user} names ${byUid.length} of ${files.size} files`);
    }
    byUid.sort((a, b) => a.uid - b.uid);
    return Promise.all(byUid.map((e) => fs.readFile(e.file)));
  }

  async function sessionCount(user?: string): Promise<number> {
    if (master?.pid === undefined) return 0;
    const users = await pop3ProcessUsers(master.pid, mailRoot);
    return users.filter((u) => user === undefined || u === user).length;
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    try {
      await stop();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  await start().catch(async (err: unknown) => {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  });

  return {
    host: HOST,
    pop3Port,
    pop3sPort,
    caPem: pki.caPem,
    untrustedCaPem: pki.untrustedCaPem,
    users,
    dir,
    deliver,
    storedMessages,
    sessionCount,
    log: readLog,
    stop,
    start,
    close,
  };
}

function dovecotConfig(p: { dir: string; pop3Port: number; pop3sPort: number; extra: string }): string {
  const d = p.dir;
  return `# Generated by test/support/dovecot.ts; never reads /etc/dovecot.
base_dir = ${d}/run
state_dir = ${d}/state
log_path = ${d}/dovecot.log
protocols = pop3
listen = ${HOST}
ssl = yes
ssl_cert = <${d}/server.pem
ssl_key = <${d}/server.key
auth_mechanisms = plain login
disable_plaintext_auth = no
# Wrong-password tests should not wait the default 2 s.
auth_failure_delay = 0
mail_location = maildir:${d}/mail/%u
pop3_uidl_format = %08Xu%08Xv
# Process titles name the user (dovecot/pop3 [alice 127.0.0.1]): sessionCount() reads them.
verbose_proctitle = yes
default_process_limit = 300
default_client_limit = 3000
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${d}/passwd
}
userdb {
  driver = passwd-file
  args = ${d}/passwd
}
protocol pop3 {
  mail_max_userip_connections = 1000
}
service pop3-login {
  # One long-lived login process for all connections: fast start, no per-connection fork.
  service_count = 0
  process_min_avail = 1
  client_limit = 1000
  inet_listener pop3 {
    address = ${HOST}
    port = ${p.pop3Port}
  }
  inet_listener pop3s {
    address = ${HOST}
    port = ${p.pop3sPort}
    ssl = yes
  }
}
service pop3 {
  process_limit = 300
}
service anvil {
  client_limit = 3000
  # No listener, no auth penalty: otherwise each failed login from 127.0.0.1 delays the next
  # login by 2, 4, 8... seconds and wrong-password tests slow every later test in the file.
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
${p.extra}
`;
}

// ---------------------------------------------------------------- certificates

interface TestPki {
  caPem: string;
  untrustedCaPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

let pkiPromise: Promise<TestPki> | null = null;

/** A throwaway CA, a server cert it signed (localhost, 127.0.0.1) and an unrelated CA. Generated once per module instance (i.e. per test file). */
export function testPki(): Promise<TestPki> {
  pkiPromise ??= generatePki().catch((err: unknown) => {
    pkiPromise = null;
    throw err;
  });
  return pkiPromise;
}

async function generatePki(): Promise<TestPki> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'popgate-pki-'));
  const f = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): Promise<unknown> => run('openssl', args);
  const ecKey = (out: string): Promise<unknown> =>
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', out);
  const selfSignedCa = (key: string, cn: string, out: string): Promise<unknown> =>
    openssl('req', '-x509', '-new', '-key', key, '-subj', `/CN=${cn}`, '-days', '3',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', out);
  try {
    await Promise.all([ecKey(f('ca.key')), ecKey(f('other.key')), ecKey(f('server.key'))]);
    await Promise.all([
      selfSignedCa(f('ca.key'), 'popgate test CA', f('ca.pem')),
      selfSignedCa(f('other.key'), 'popgate untrusted test CA', f('other.pem')),
      openssl('req', '-new', '-key', f('server.key'), '-subj', '/CN=localhost', '-out', f('server.csr')),
      fs.writeFile(
        f('server.ext'),
        'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' +
          'keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n',
      ),
    ]);
    await openssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'),
      '-set_serial', '2', '-days', '3', '-extfile', f('server.ext'), '-out', f('server.pem'));
    const [caPem, untrustedCaPem, serverCertPem, serverKeyPem] = await Promise.all(
      ['ca.pem', 'other.pem', 'server.pem', 'server.key'].map((n) => fs.readFile(f(n), 'utf8')),
    );
    return { caPem: caPem!, untrustedCaPem: untrustedCaPem!, serverCertPem: serverCertPem!, serverKeyPem: serverKeyPem! };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- process and network helpers

function findBinary(name: 'dovecot' | 'doveadm'): string {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/sbin', '/usr/local/sbin'];
  for (const d of dirs) {
    if (d && existsSync(path.join(d, name))) return path.join(d, name);
  }
  throw new Error(`${name} not found: install Dovecot (apt-get install dovecot-pop3d) or run scripts/test.sh`);
}

/** uid/gid of nobody:nogroup. Dovecot refuses to run mail processes as root. */
export async function lookupMailOwner(): Promise<{ uid: number; gid: number }> {
  const passwd = await fs.readFile('/etc/passwd', 'utf8');
  const entry = passwd.split('\n').find((l) => l.startsWith('nobody:'));
  const fields = entry?.split(':');
  if (!fields?.[2] || !fields[3]) throw new Error('no "nobody" user in /etc/passwd');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/**
 * The guard: a shell that leads a new process group, runs the command in the background
 * and exits with its status. It also holds a pipe from this process; when the pipe closes
 * (this process exited or was killed without close()) it kills its whole group and removes
 * `cleanupDir`, so no Dovecot or temp dir outlives the test run.
 */
const GUARD_SCRIPT = `
exec 3<&0
"$0" "$@" </dev/null &
server=$!
( read -r _ <&3; [ -n "$GUARD_CLEANUP_DIR" ] && rm -rf -- "$GUARD_CLEANUP_DIR"; kill -KILL 0 ) &
guard=$!
wait "$server"
status=$?
kill -KILL "$guard" 2>/dev/null
exit "$status"
`;

/** Spawns `bin args` under the guard, stderr to a file; resolves once spawned. */
export async function spawnGuarded(bin: string, args: string[], stderrPath: string, cleanupDir: string): Promise<ChildProcess> {
  const errFile = await fs.open(stderrPath, 'w');
  try {
    return await new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', GUARD_SCRIPT, bin, ...args], {
        stdio: ['pipe', 'ignore', errFile.fd],
        detached: true,
        env: { ...process.env, GUARD_CLEANUP_DIR: cleanupDir },
      });
      child.once('error', reject);
      child.once('spawn', () => {
        // Neither the guard nor its pipe may keep the test process alive.
        child.unref();
        (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
        resolve(child);
      });
    });
  } finally {
    await errFile.close();
  }
}

async function removeDotlocks(dir: string): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.lock')) await fs.rm(path.join(entry.parentPath, entry.name), { force: true });
  }
}

/** Whether any process, zombies included, is still in process group `pgid`. */
export function groupHasProcesses(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid) return true;
    } catch {
      // The process ended while we looked.
    }
  }
  return false;
}

/**
 * The users of the POP3 session processes in one process group, read from /proc. Each
 * logged-in session is one `pop3` process; it exists before the client sees
 * `+OK Logged in.` and is gone soon after the connection closes. Its user is the home dir
 * it has changed into (mail/<user>, which Dovecot enters before answering the login), or
 * else its title `dovecot/pop3 [user ip]` (verbose_proctitle). anvil's `doveadm who`
 * registers sessions asynchronously and can lag behind a login, so it is not used.
 */
async function pop3ProcessUsers(pgid: number, mailRoot: string): Promise<(string | null)[]> {
  const users: (string | null)[] = [];
  // Synchronous reads: /proc files are in memory, and ~200 awaited reads took ~70 ms.
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      // Fields after "(comm)": state, ppid, pgrp, …
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) !== pgid || state === 'Z') continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, 'latin1').replace(/\0/g, ' ').trim();
      if (title !== 'dovecot/pop3' && !title.startsWith('dovecot/pop3 ')) continue;
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      const fromHome = path.dirname(cwd) === mailRoot ? path.basename(cwd) : null;
      users.push(fromHome ?? /^dovecot\/pop3 \[([^\s\]]+)/.exec(title)?.[1] ?? null);
    } catch {
      // The process exited while we looked.
    }
  }
  return users;
}

export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/**
 * Ports that were free a moment ago. Picked at random below Linux's ephemeral range
 * (32768-60999), so that while an instance is stopped no other process's port-0 listener
 * or outgoing connection takes its ports before start().
 */
export async function freePorts(n: number): Promise<number[]> {
  const held: net.Server[] = [];
  try {
    while (held.length < n) {
      const port = 20_000 + Math.floor(Math.random() * 12_000);
      const server = await new Promise<net.Server | null>((resolve) => {
        const s = net.createServer();
        s.once('error', () => resolve(null));
        s.listen(port, HOST, () => resolve(s));
      });
      if (server) held.push(server);
    }
    return held.map((s) => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(held.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: HOST, port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/** Resolves when the server sends its `+OK` greeting on the plain port. */
async function waitForGreeting(port: number, timeoutMs: number): Promise<void> {
  const greeted = (): Promise<boolean> =>
    new Promise((resolve) => {
      const sock = net.connect({ host: HOST, port });
      let got = '';
      const done = (ok: boolean): void => {
        sock.destroy();
        resolve(ok);
      };
      sock.setTimeout(2_000, () => done(false));
      sock.on('data', (chunk: Buffer) => {
        got += chunk.toString('latin1');
        if (got.includes('\r\n')) done(got.startsWith('+OK'));
      });
      sock.once('error', () => done(false));
      sock.once('close', () => done(false));
    });
  await waitFor(greeted, { timeoutMs, everyMs: 20, what: `a greeting on port ${port}` });
}

export function errorText(err: unknown): string {
  const e = err as { stderr?: string; message?: string };
  return (e.stderr?.trim() || e.message) ?? String(err);
}
