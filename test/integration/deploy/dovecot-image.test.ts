import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pop3AuthError, Pop3Client, Pop3ConnectionError, type Pop3ConnectOptions } from '../../../src/pop3';
import { readRepoFile, REPO_ROOT } from '../../support/repo-files';
import { freePort, waitFor } from '../../support/waiting';

/**
 * The dovecot image of the compose stack, without the image: its entrypoint, dovecot.conf
 * and health check run here on the machine's own Dovecot and OpenSSL (Debian bookworm's,
 * the same packages the image installs), against a temp dir instead of the volumes, and the
 * gateway's own POP3 client logs in exactly as the gateway in compose does.
 * Needs root (the entrypoint chowns the mail to its owner) and Dovecot: scripts/test.sh.
 */

const run = promisify(execFile);
const ENTRYPOINT = join(REPO_ROOT, 'docker/dovecot/entrypoint.sh');
const HEALTHCHECK = join(REPO_ROOT, 'docker/dovecot/healthcheck.sh');
const SEED_DIR = join(REPO_ROOT, 'docker/dovecot/seed');
const SEED_FILES = readdirSync(SEED_DIR).filter((name) => name.endsWith('.eml')).sort();

let dir: string;
let dataDir: string;
let certsDir: string;
let pop3Port: number;
let pop3sPort: number;
let dovecot: ChildProcess | null = null;
let dovecotLog = '';

/** Runs the entrypoint as the container would, with the volumes swapped for temp dirs. */
function runEntrypoint(extraEnv: Record<string, string> = {}, command: string[] = ['true']): Promise<{ stderr: string }> {
  return run('bash', [ENTRYPOINT, ...command], {
    env: {
      PATH: process.env.PATH,
      POPGATE_DATA_DIR: dataDir,
      POPGATE_CERTS_DIR: certsDir,
      POPGATE_SEED_DIR: SEED_DIR,
      // The image has a vmail user; here any unprivileged account will do.
      POPGATE_MAIL_OWNER: 'nobody',
      ...extraEnv,
    },
    timeout: 20_000,
  });
}

/** docker/dovecot/dovecot.conf with its paths moved into the temp dir and its ports to free loopback ports. */
function localDovecotConf(): string {
  return `${readRepoFile('docker/dovecot/dovecot.conf')
    .replaceAll('/var/lib/popgate', dataDir)
    .replace(/^listen = \*$/m, 'listen = 127.0.0.1')
    .replace(/^(\s*)port = 110$/m, `$1port = ${pop3Port}`)
    .replace(/^(\s*)port = 995$/m, `$1port = ${pop3sPort}`)}
base_dir = ${dir}/run
state_dir = ${dir}/state
`;
}


/** The options the gateway in docker-compose.yml connects with (POP3_TLS_SERVERNAME=dovecot, POP3_CA_FILE). */
function gatewayOptions(overrides: Partial<Pop3ConnectOptions> = {}): Pop3ConnectOptions {
  return {
    host: '127.0.0.1',
    port: pop3sPort,
    tls: 'implicit',
    servername: 'dovecot',
    ca: readFileSync(join(certsDir, 'ca.pem')),
    timeoutMs: 5_000,
    maxMessageBytes: 1_048_576,
    ...overrides,
  };
}

async function healthcheckExitCode(env: Record<string, string>): Promise<number> {
  try {
    await run('sh', [HEALTHCHECK], { env: { PATH: process.env.PATH, ...env }, timeout: 15_000 });
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
}

async function waitForGreeting(): Promise<void> {
  const answers = async (): Promise<boolean> => {
    try {
      const client = await Pop3Client.connect(gatewayOptions({ timeoutMs: 2_000 }));
      await client.quit();
      return true;
    } catch {
      return false;
    }
  };
  await waitFor(answers, { timeoutMs: 10_000, everyMs: 50, what: `dovecot on ${pop3sPort}` }).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}:\n${dovecotLog}`);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'popgate-dovecot-image-'));
  // Dovecot's unprivileged processes must be able to walk into it.
  await run('chmod', ['0755', dir]);
  dataDir = join(dir, 'data');
  certsDir = join(dir, 'certs');
  for (const sub of ['run', 'state']) mkdirSync(join(dir, sub));
  [pop3Port, pop3sPort] = [await freePort(), await freePort()];

  await runEntrypoint();
  writeFileSync(join(dir, 'dovecot.conf'), localDovecotConf());
  // -F: in the foreground, as the image's CMD runs it. Its own process group, so that
  // afterAll can stop the master and every child it forked.
  const binary = existsSync('/usr/sbin/dovecot') ? '/usr/sbin/dovecot' : 'dovecot';
  dovecot = spawn(binary, ['-F', '-c', join(dir, 'dovecot.conf')], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  dovecot.stdout?.on('data', (chunk: Buffer) => (dovecotLog += chunk.toString()));
  dovecot.stderr?.on('data', (chunk: Buffer) => (dovecotLog += chunk.toString()));
  await waitForGreeting();
});

afterAll(async () => {
  if (dovecot?.pid !== undefined && dovecot.exitCode === null) {
    const exited = new Promise((resolve) => dovecot!.once('exit', resolve));
    process.kill(-dovecot.pid, 'SIGKILL');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the dovecot entrypoint', () => {
  it('is valid bash, and the health check valid sh', async () => {
    await expect(run('bash', ['-n', ENTRYPOINT])).resolves.toBeDefined();
    await expect(run('sh', ['-n', HEALTHCHECK])).resolves.toBeDefined();
  });

  it('puts only the public CA certificate in the shared certs volume, readable by the gateway user', () => {
    expect(readdirSync(certsDir)).toEqual(['ca.pem']);
    expect(statSync(join(certsDir, 'ca.pem')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(certsDir, 'ca.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('keeps the server key private and issues the certificate for dovecot and localhost', async () => {
    expect(statSync(join(dataDir, 'tls', 'server.key')).mode & 0o777).toBe(0o600);
    const { stdout } = await run('openssl', ['x509', '-in', join(dataDir, 'tls', 'server.pem'), '-noout', '-ext', 'subjectAltName']);
    expect(stdout).toMatch(/DNS:dovecot, DNS:localhost/);
  });

  it('stores the demo password hashed, never in clear', () => {
    const passwd = readFileSync(join(dataDir, 'passwd'), 'utf8');
    expect(passwd).toMatch(/^demo:\{SHA512-CRYPT\}\$6\$/);
    expect(passwd.split(':')[1]).not.toContain('{PLAIN}');
    expect(statSync(join(dataDir, 'passwd')).mode & 0o007).toBe(0);
  });

  it('seeds the demo Maildir with every sample message', () => {
    expect(SEED_FILES.length).toBeGreaterThanOrEqual(3);
    expect(readdirSync(join(dataDir, 'mail', 'demo', 'Maildir', 'new'))).toHaveLength(SEED_FILES.length);
  });

  it('runs the command it is given once everything is in place', async () => {
    const { stderr } = await runEntrypoint({}, ['sh', '-c', 'echo "started with $0" >&2', 'dovecot-F']);
    expect(stderr).toMatch(/started with dovecot-F/);
  });

  it('refuses a user name that would break the passwd-file', async () => {
    await expect(runEntrypoint({ DEMO_USER: 'demo:0:0' })).rejects.toMatchObject({ stderr: expect.stringMatching(/DEMO_USER/) });
  });
});

describe('the dovecot server it prepares (docker/dovecot/dovecot.conf)', () => {
  it('lets the gateway log in as demo/demo over POP3S, trusting only the shared CA, with name dovecot', async () => {
    const client = await Pop3Client.connect(gatewayOptions());
    try {
      await client.login({ user: 'demo', password: 'demo' });
      expect(await client.stat()).toMatchObject({ count: SEED_FILES.length });
      expect(client.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    } finally {
      await client.quit();
    }
  });

  it('numbers the messages in seed-file order and gives UIDLs in the %08Xu%08Xv format', async () => {
    const client = await Pop3Client.connect(gatewayOptions());
    try {
      await client.login({ user: 'demo', password: 'demo' });
      const ids = await client.uidl();
      expect(ids.map((entry) => entry.number)).toEqual(SEED_FILES.map((_, index) => index + 1));
      for (const entry of ids) expect(entry.uid).toMatch(/^[0-9A-Fa-f]{16}$/);
      const last = (await client.top(SEED_FILES.length, 0)).toString('latin1');
      const lastSeed = readFileSync(join(SEED_DIR, SEED_FILES[SEED_FILES.length - 1]!), 'latin1');
      expect(last).toContain(/^Subject: .*$/m.exec(lastSeed)![0]);
    } finally {
      await client.quit();
    }
  });

  it('offers STLS on the plain port and upgrades to the same certificate', async () => {
    const client = await Pop3Client.connect(gatewayOptions({ port: pop3Port, tls: 'starttls' }));
    try {
      expect(client.tls).not.toBeNull();
      await client.login({ user: 'demo', password: 'demo' });
      expect((await client.stat()).count).toBe(SEED_FILES.length);
    } finally {
      await client.quit();
    }
  });

  it('fails the TLS check for a client that does not trust the demo CA', async () => {
    await expect(Pop3Client.connect(gatewayOptions({ ca: undefined }))).rejects.toBeInstanceOf(Pop3ConnectionError);
  });

  // Last: a failed login earns 127.0.0.1 an auth penalty that slows later logins.
  it('refuses a wrong password', async () => {
    const client = await Pop3Client.connect(gatewayOptions());
    try {
      await expect(client.login({ user: 'demo', password: 'not-demo' })).rejects.toBeInstanceOf(Pop3AuthError);
    } finally {
      client.destroy();
    }
  });
});

describe('the dovecot health check', () => {
  it('passes while POP3S answers with a certificate from the shared CA', async () => {
    expect(await healthcheckExitCode({ POPGATE_HEALTH_PORT: String(pop3sPort), POPGATE_CERTS_DIR: certsDir })).toBe(0);
  });

  it('fails when nothing listens on the port', async () => {
    expect(await healthcheckExitCode({ POPGATE_HEALTH_PORT: String(await freePort()), POPGATE_CERTS_DIR: certsDir })).toBe(1);
  });

  it('fails when the certificate does not come from the CA in the certs volume', async () => {
    const otherCerts = join(dir, 'other-certs');
    mkdirSync(otherCerts);
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(otherCerts, 'ca.key'), '-subj', '/CN=another CA', '-days', '1', '-out', join(otherCerts, 'ca.pem')]);
    expect(await healthcheckExitCode({ POPGATE_HEALTH_PORT: String(pop3sPort), POPGATE_CERTS_DIR: otherCerts })).toBe(1);
  });
});

describe('a restart of the dovecot container (entrypoint run again on the same volumes)', () => {
  it('keeps the CA and the mail as they are: deleted messages stay deleted', async () => {
    const caBefore = readFileSync(join(certsDir, 'ca.pem'), 'utf8');
    // Dovecot has moved the messages it has seen from new/ to cur/.
    const maildir = join(dataDir, 'mail', 'demo', 'Maildir');
    const messageFiles = (): string[] => ['new', 'cur'].flatMap((sub) => readdirSync(join(maildir, sub)).map((name) => join(maildir, sub, name)));
    const before = messageFiles();
    expect(before).toHaveLength(SEED_FILES.length);
    unlinkSync(before[0]!);

    const { stderr } = await runEntrypoint();
    expect(stderr).toMatch(/reusing the certificates/);
    expect(readFileSync(join(certsDir, 'ca.pem'), 'utf8')).toBe(caBefore);
    expect(messageFiles()).toHaveLength(before.length - 1);
  });

  it('issues new certificates when the names they must carry change', async () => {
    const caBefore = readFileSync(join(certsDir, 'ca.pem'), 'utf8');
    const { stderr } = await runEntrypoint({ POPGATE_CERT_NAMES: 'dovecot localhost pop.example.test' });
    expect(stderr).toMatch(/issued a new CA/);
    expect(readFileSync(join(certsDir, 'ca.pem'), 'utf8')).not.toBe(caBefore);
    const { stdout } = await run('openssl', ['x509', '-in', join(dataDir, 'tls', 'server.pem'), '-noout', '-ext', 'subjectAltName']);
    expect(stdout).toMatch(/DNS:dovecot, DNS:localhost, DNS:pop\.example\.test/);
  });
});
