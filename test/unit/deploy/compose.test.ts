import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../../src/config';
import { type ComposeModel, type ComposeService, composeModel, dockerCompose, portMappings, readBindSource, volumeMounts } from './compose';
import { readRepoFile, REPO_ROOT } from '../../support/repo-files';
import { parseDockerfile } from './dockerfile-reader';

/**
 * No Docker engine runs here, so the compose files are checked the way `docker compose up`
 * would read them, minus the containers: docker-compose validates and merges them, and the
 * merged model is held to what docs/deployment.md promises.
 */

const run = promisify(execFile);

/** Every variable in README.md's configuration table (copied, so a variable dropped from either side shows here). */
const GATEWAY_VARIABLES = new Set([
  'PORT', 'HOST', 'POP3_HOST', 'POP3_PORT', 'POP3_TLS', 'POP3_ALLOW_PLAINTEXT', 'POP3_CA_FILE', 'POP3_TLS_SERVERNAME',
  'POP3_TLS_INSECURE', 'POP3_AUTH', 'POP3_USER', 'POP3_PASS', 'POP3_ACCESS_TOKEN', 'API_TOKENS', 'POP3_TIMEOUT_MS',
  'POOL_MAX_PER_MAILBOX', 'POOL_MAX_TOTAL', 'SESSION_MAX_AGE_MS', 'POOL_IDLE_MS', 'REDIS_URL', 'CACHE_TTL_S',
  'MAX_MESSAGE_BYTES', 'AUTH_FAILURE_LIMIT', 'LOG_LEVEL', 'NODE_ENV',
]);

/** Compose files as named with -f; none: what a plain `docker compose up` reads. */
const SINGLE = ['docker-compose.yml'];
const SCALED = ['docker-compose.yml', 'docker-compose.scale.yml'];

function service(model: ComposeModel, name: string): ComposeService {
  const found = model.services[name];
  if (found === undefined) throw new Error(`no service ${name}; services: ${Object.keys(model.services).join(', ')}`);
  return found;
}

function environmentOf(found: ComposeService): Record<string, string> {
  return Object.fromEntries(Object.entries(found.environment ?? {}).map(([name, value]) => [name, String(value ?? '')]));
}

describe('docker-compose config', () => {
  it.each([
    ['`docker compose up` (docker-compose.yml + docker-compose.override.yml)', []],
    ['docker-compose.yml alone', SINGLE],
    ['docker-compose.yml + docker-compose.scale.yml', SCALED],
  ])('accepts %s', async (_name, files: string[]) => {
    const result = await dockerCompose([...files.flatMap((file) => ['-f', file]), 'config', '-q']);
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: '' });
  });

  it('rejects a file that breaks the Compose schema (so an accepted file means something)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popgate-compose-'));
    try {
      writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  a:\n    image: redis:7-alpine\n    depends_on:\n      b:\n        condition: when_it_feels_like_it\n  b:\n    image: redis:7-alpine\n');
      const result = await dockerCompose(['config', '-q'], dir);
      expect(result.exitCode).not.toBe(0);
      expect(result.stderr).toMatch(/condition/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the stack of `docker compose up`', () => {
  let model: ComposeModel;
  beforeAll(async () => {
    model = await composeModel([]);
  });

  it('runs gateway, redis and dovecot, with images pinned to a tag that is not latest', () => {
    expect(Object.keys(model.services).sort()).toEqual(['dovecot', 'gateway', 'redis']);
    expect(service(model, 'redis').image).toBe('redis:7-alpine');
    expect(service(model, 'gateway').build).toBeDefined();
    expect(service(model, 'dovecot').build).toBeDefined();
  });

  it('publishes the gateway on port 3000', () => {
    expect(portMappings(service(model, 'gateway'))).toEqual([{ published: 3000, target: 3000 }]);
  });

  it('points the gateway at dovecot over implicit TLS on 995, trusting the shared CA, with Redis as the cache', () => {
    expect(environmentOf(service(model, 'gateway'))).toMatchObject({
      POP3_HOST: 'dovecot',
      POP3_PORT: '995',
      POP3_TLS: 'implicit',
      POP3_CA_FILE: '/certs/ca.pem',
      POP3_TLS_SERVERNAME: 'dovecot',
      REDIS_URL: 'redis://redis:6379',
    });
  });

  it("sets only variables the gateway reads, and loadConfig accepts them as the image's environment", async () => {
    const environment = environmentOf(service(model, 'gateway'));
    expect(Object.keys(environment).filter((name) => !GATEWAY_VARIABLES.has(name))).toEqual([]);

    const imageEnv = parseDockerfile(readRepoFile('Dockerfile'))
      .filter((instruction) => instruction.keyword === 'ENV')
      .map((instruction) => instruction.args.split('='));
    const dir = mkdtempSync(join(tmpdir(), 'popgate-compose-ca-'));
    try {
      // POP3_CA_FILE must hold a certificate; the real one exists only inside the volume.
      const caFile = join(dir, 'ca.pem');
      await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', join(dir, 'ca.key'), '-subj', '/CN=compose test CA', '-days', '1', '-out', caFile]);
      const config = loadConfig({ ...Object.fromEntries(imageEnv), ...environment, POP3_CA_FILE: caFile });
      expect(config.mode).toBe('multi');
      expect(config.nodeEnv).toBe('production');
      expect(config.pop3).toMatchObject({ host: 'dovecot', port: 995, tls: 'implicit', servername: 'dovecot', tlsInsecure: false });
      expect(config.cache.redisUrl).toBe('redis://redis:6379');
      expect(config.warnings).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts the gateway only once redis and dovecot report healthy, and both have a health check', () => {
    expect(service(model, 'gateway').depends_on).toEqual({
      redis: { condition: 'service_healthy' },
      dovecot: { condition: 'service_healthy' },
    });
    expect(service(model, 'redis').healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(service(model, 'dovecot').healthcheck?.test).toEqual(['CMD', 'popgate-dovecot-healthcheck']);
  });

  it("installs dovecot's health check under the name compose runs", () => {
    const copies = parseDockerfile(readRepoFile('docker/dovecot/Dockerfile'))
      .filter((instruction) => instruction.keyword === 'COPY')
      .map((instruction) => instruction.args);
    expect(copies).toContain('healthcheck.sh /usr/local/bin/popgate-dovecot-healthcheck');
  });

  it("shares the certs volume: dovecot writes it where its entrypoint puts ca.pem, the gateway reads it read-only where POP3_CA_FILE points", () => {
    const entrypoint = readRepoFile('docker/dovecot/entrypoint.sh');
    const certsDir = /certs_dir=\$\{POPGATE_CERTS_DIR:-([^}]+)\}/.exec(entrypoint)?.[1];
    const dataDir = /data_dir=\$\{POPGATE_DATA_DIR:-([^}]+)\}/.exec(entrypoint)?.[1];
    expect(volumeMounts(service(model, 'dovecot'))).toEqual(expect.arrayContaining([
      { source: 'certs', target: certsDir, readOnly: false },
      { source: 'dovecot-data', target: dataDir, readOnly: false },
    ]));
    const caFile = environmentOf(service(model, 'gateway')).POP3_CA_FILE!;
    expect(volumeMounts(service(model, 'gateway'))).toEqual([{ source: 'certs', target: dirname(caFile), readOnly: true }]);
    expect(Object.keys(model.volumes ?? {}).sort()).toEqual(['certs', 'dovecot-data', 'redis-data']);
  });

  it('keeps Redis as a store: the append-only file on its own volume, and no key evicted to make room', () => {
    const redis = service(model, 'redis');
    expect(volumeMounts(redis)).toEqual([{ source: 'redis-data', target: '/data', readOnly: false }]);
    const command = (redis as { command?: string[] }).command ?? [];
    const option = (name: string): string | undefined => command[command.indexOf(name) + 1];
    expect({ appendonly: option('--appendonly'), policy: option('--maxmemory-policy') }).toEqual({ appendonly: 'yes', policy: 'noeviction' });
  });

  it("keeps dovecot's key, passwd-file and mail inside the data volume that dovecot.conf reads", () => {
    const dataDir = /data_dir=\$\{POPGATE_DATA_DIR:-([^}]+)\}/.exec(readRepoFile('docker/dovecot/entrypoint.sh'))?.[1];
    const conf = readRepoFile('docker/dovecot/dovecot.conf').replace(/#.*$/gm, '');
    const paths = [...conf.matchAll(/(?:<|\s)(\/[^\s]+)/g)].map((match) => match[1]!).filter((path) => !path.startsWith('/dev/'));
    expect(paths.length).toBeGreaterThanOrEqual(4);
    expect(paths.filter((path) => !path.startsWith(`${dataDir}/`))).toEqual([]);
  });
});

describe('docker-compose.yml without the override', () => {
  it('publishes no port, so the scale file can put a load balancer in front', async () => {
    expect(portMappings(service(await composeModel(SINGLE), 'gateway'))).toEqual([]);
  });
});

describe('the scaled stack (docker-compose.yml + docker-compose.scale.yml)', () => {
  let model: ComposeModel;
  beforeAll(async () => {
    model = await composeModel(SCALED);
  });

  it('publishes port 3000 on the load balancer alone', () => {
    const published = Object.entries(model.services)
      .flatMap(([name, found]) => portMappings(found).map((port) => ({ name, ...port })))
      .filter((port) => port.published !== null);
    expect(published).toEqual([{ name: 'loadbalancer', published: 3000, target: 3000 }]);
  });

  it('keeps every replica on the shared Redis', () => {
    expect(environmentOf(service(model, 'gateway')).REDIS_URL).toBe('redis://redis:6379');
  });

  it('runs a pinned HAProxy whose configuration file is in the repository and waits for a healthy gateway', () => {
    const balancer = service(model, 'loadbalancer');
    expect(balancer.image).toMatch(/^haproxy:\d+\.\d+-alpine$/);
    const mount = volumeMounts(balancer).find((volume) => volume.target === '/usr/local/etc/haproxy/haproxy.cfg');
    expect(mount?.readOnly).toBe(true);
    expect(readBindSource(mount!.source)).toBe(readRepoFile('docker/haproxy/haproxy.cfg'));
    expect(balancer.depends_on).toEqual({ gateway: { condition: 'service_healthy' } });
  });
});

describe('docker/haproxy/haproxy.cfg', () => {
  const config = readRepoFile('docker/haproxy/haproxy.cfg');

  it('is valid for `haproxy -c`', async () => {
    // /usr/sbin is not on every user's PATH.
    const haproxy = existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';
    const { stdout } = await run(haproxy, ['-c', '-f', 'docker/haproxy/haproxy.cfg'], { cwd: REPO_ROOT });
    expect(stdout).toMatch(/Configuration file is valid/);
  });

  it('listens on 3000 and balances over every replica of the gateway service, found through Docker DNS', () => {
    expect(config).toMatch(/^\s*bind :3000$/m);
    expect(config).toMatch(/^\s*nameserver \S+ 127\.0\.0\.11:53$/m);
    expect(config).toMatch(/^\s*server-template gateway \d+ gateway:3000$/m);
  });

  it('sends traffic only to replicas whose /healthz answers 200', () => {
    expect(config).toMatch(/^\s*option httpchk GET \/healthz$/m);
    expect(config).toMatch(/^\s*http-check expect status 200$/m);
    expect(config).toMatch(/^\s*default-server check /m);
  });
});
