import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

/** The error loadConfig throws for this environment (fails the test if it throws none). */
function configErrorFor(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

const UPSTREAM = { POP3_HOST: 'pop.example.com' };
const SINGLE = { ...UPSTREAM, POP3_USER: 'alice@example.com', POP3_PASS: 's3cret-pass', API_TOKENS: 'tok-abc' };

describe('loadConfig', () => {
  describe('defaults', () => {
    it('with an empty environment, runs in demo mode with the defaults of the table', () => {
      const config = loadConfig({});
      expect(config.mode).toBe('demo');
      expect(config.http).toEqual({ port: 3000, host: '0.0.0.0', trustProxyHops: 0 });
      expect(config.pop3).toEqual({
        host: null, port: 995, tls: 'implicit', allowPlaintext: false, caFile: null, ca: null,
        servername: null, tlsInsecure: false, auth: 'auto', timeoutMs: 30000,
      });
      expect(config.pool).toEqual({ maxPerMailbox: 2, maxTotal: 100, sessionMaxAgeMs: 30000, idleMs: 60000 });
      expect(config.cache).toEqual({ redisUrl: null, ttlSeconds: 30 });
      expect(config.limits).toEqual({ maxMessageBytes: 104857600, authFailureLimit: 10 });
      expect(config.logLevel).toBe('info');
      expect(config.single).toBeNull();
      expect(config.warnings).toEqual([]);
    });

    it('reads process.env when given no argument', () => {
      const saved = process.env.POOL_MAX_TOTAL;
      process.env.POOL_MAX_TOTAL = '7';
      try {
        expect(loadConfig().pool.maxTotal).toBe(7);
      } finally {
        if (saved === undefined) delete process.env.POOL_MAX_TOTAL;
        else process.env.POOL_MAX_TOTAL = saved;
      }
    });

    it('treats an empty variable as unset', () => {
      expect(loadConfig({ POP3_HOST: '', POOL_MAX_PER_MAILBOX: '' })).toMatchObject({ mode: 'demo', pool: { maxPerMailbox: 2 } });
    });

    it('defaults POP3_PORT to 995 for implicit TLS and 110 otherwise', () => {
      expect(loadConfig(UPSTREAM).pop3.port).toBe(995);
      expect(loadConfig({ ...UPSTREAM, POP3_TLS: 'starttls' }).pop3.port).toBe(110);
      expect(loadConfig({ ...UPSTREAM, POP3_TLS: 'none', POP3_ALLOW_PLAINTEXT: 'true' }).pop3.port).toBe(110);
      expect(loadConfig({ ...UPSTREAM, POP3_TLS: 'starttls', POP3_PORT: '1110' }).pop3.port).toBe(1110);
    });

    it('defaults POP3_TLS_SERVERNAME to POP3_HOST', () => {
      expect(loadConfig(UPSTREAM).pop3.servername).toBe('pop.example.com');
      expect(loadConfig({ ...UPSTREAM, POP3_TLS_SERVERNAME: 'mail.example.net' }).pop3.servername).toBe('mail.example.net');
    });
  });

  describe('modes', () => {
    it('is multi-mailbox mode with POP3_HOST and no POP3_USER', () => {
      const config = loadConfig(UPSTREAM);
      expect(config.mode).toBe('multi');
      expect(config.pop3.host).toBe('pop.example.com');
      expect(config.single).toBeNull();
    });

    it('is single-mailbox mode with POP3_USER, keeping each API token as given', () => {
      const hashed = `sha256:${'ab'.repeat(32)}`;
      const config = loadConfig({ ...SINGLE, API_TOKENS: ` tok-abc , ${hashed},` });
      expect(config.mode).toBe('single');
      expect(config.single).toEqual({ user: 'alice@example.com', password: 's3cret-pass', accessToken: null, oauth: null, apiTokens: ['tok-abc', hashed] });
    });

    it('accepts an access token instead of a password with POP3_AUTH=xoauth2', () => {
      const config = loadConfig({ ...UPSTREAM, POP3_USER: 'a', POP3_ACCESS_TOKEN: 'ya29.token', POP3_AUTH: 'xoauth2', API_TOKENS: 't' });
      expect(config.single).toMatchObject({ password: null, accessToken: 'ya29.token' });
    });

    it('accepts an access token instead of a password with POP3_AUTH=oauthbearer', () => {
      const config = loadConfig({ ...UPSTREAM, POP3_USER: 'a', POP3_ACCESS_TOKEN: 'ya29.token', POP3_AUTH: 'oauthbearer', API_TOKENS: 't' });
      expect(config.pop3.auth).toBe('oauthbearer');
      expect(config.single).toMatchObject({ password: null, accessToken: 'ya29.token' });
    });

    it('refuses POP3_USER without a password or access token', () => {
      expect(configErrorFor({ ...UPSTREAM, POP3_USER: 'a', API_TOKENS: 't' }).variable).toBe('POP3_PASS');
    });

    it('refuses POP3_AUTH=xoauth2 without POP3_ACCESS_TOKEN, and an access token alone for password methods', () => {
      expect(configErrorFor({ ...SINGLE, POP3_AUTH: 'xoauth2' }).variable).toBe('POP3_ACCESS_TOKEN');
      expect(configErrorFor({ ...SINGLE, POP3_AUTH: 'oauthbearer' }).message).toBe('POP3_AUTH=oauthbearer needs POP3_ACCESS_TOKEN (or POP3_OAUTH_PROVIDER, so popgate keeps the token itself)');
      const tokenOnly = { ...UPSTREAM, POP3_USER: 'a', POP3_ACCESS_TOKEN: 'x', API_TOKENS: 't' };
      expect(configErrorFor(tokenOnly).message).toMatch(/^POP3_AUTH=auto needs POP3_PASS/);
    });

    it('refuses single-mailbox mode without API_TOKENS', () => {
      const { API_TOKENS: _unused, ...withoutTokens } = SINGLE;
      expect(configErrorFor(withoutTokens).message).toMatch(/^single-mailbox mode .* needs API_TOKENS/);
    });

    it('refuses POP3_USER without POP3_HOST', () => {
      const { POP3_HOST: _unused, ...withoutHost } = SINGLE;
      expect(configErrorFor(withoutHost).variable).toBe('POP3_USER');
    });

    it('warns that mailbox credentials are ignored outside single-mailbox mode', () => {
      expect(loadConfig({ ...UPSTREAM, API_TOKENS: 'x' }).warnings).toEqual([expect.stringMatching(/^API_TOKENS is ignored/)]);
    });
  });

  describe('API_TOKENS', () => {
    it.each([
      ['an empty list', ' , ,'],
      ['a sha256 entry that is not 64 hex digits', 'ok-token,sha256:abc'],
      ['a token with whitespace inside', 'one two'],
    ])('refuses %s, naming the entry but not its value', (_case, value) => {
      const error = configErrorFor({ ...SINGLE, API_TOKENS: value });
      expect(error.variable).toBe('API_TOKENS');
      expect(error.message).toMatch(/^API_TOKENS /);
      expect(error.message).not.toContain('abc');
      expect(error.message).not.toContain('one two');
    });
  });

  describe('registered accounts: POPGATE_SECRET, POPGATE_SECRET_PREVIOUS, ADMIN_TOKENS', () => {
    const KEY = Buffer.alloc(32, 7);

    it('leaves the accounts API off without POPGATE_SECRET, and reads 32 bytes as base64 or hex', () => {
      expect(loadConfig(UPSTREAM).accounts).toEqual({ secret: null, previousSecret: null, adminTokens: [] });
      const config = loadConfig({ ...UPSTREAM, POPGATE_SECRET: KEY.toString('base64'), POPGATE_SECRET_PREVIOUS: KEY.toString('hex'), ADMIN_TOKENS: 'one, two' });
      expect(config.accounts.secret?.equals(KEY)).toBe(true);
      expect(config.accounts.previousSecret?.equals(KEY)).toBe(true);
      expect(config.accounts.adminTokens).toEqual(['one', 'two']);
    });

    it.each([
      ['POPGATE_SECRET', 'a passphrase, not 32 random bytes'],
      ['POPGATE_SECRET', Buffer.alloc(16, 1).toString('base64')],
      ['POPGATE_SECRET_PREVIOUS', 'deadbeef'],
    ])('stops on a bad %s with one line naming it, never its value', (variable, value) => {
      const error = configErrorFor({ ...UPSTREAM, POPGATE_SECRET: KEY.toString('base64'), [variable]: value });
      expect(error.variable).toBe(variable);
      expect(error.message).toMatch(new RegExp(`^${variable} must be 32 random bytes`));
      expect(error.message).not.toContain(value);
      expect(error.message).not.toContain('\n');
    });

    it('wants POPGATE_SECRET beside POPGATE_SECRET_PREVIOUS, and refuses a malformed ADMIN_TOKENS entry', () => {
      expect(configErrorFor({ ...UPSTREAM, POPGATE_SECRET_PREVIOUS: KEY.toString('hex') }).variable).toBe('POPGATE_SECRET');
      const error = configErrorFor({ ...UPSTREAM, ADMIN_TOKENS: 'fine,sha256:abc' });
      expect(error.message).toBe('ADMIN_TOKENS entry 2 must be sha256:<64 hex digits> or a plain token');
    });
  });

  describe('TLS rules', () => {
    it('refuses POP3_TLS=none unless POP3_ALLOW_PLAINTEXT=true, and warns when allowed', () => {
      expect(configErrorFor({ ...UPSTREAM, POP3_TLS: 'none' }).message).toMatch(/^POP3_TLS=none .* POP3_ALLOW_PLAINTEXT=true/);
      const allowed = loadConfig({ ...UPSTREAM, POP3_TLS: 'none', POP3_ALLOW_PLAINTEXT: 'true' });
      expect(allowed.pop3).toMatchObject({ tls: 'none', allowPlaintext: true });
      expect(allowed.warnings).toEqual([expect.stringMatching(/^POP3_TLS=none/)]);
    });

    it('accepts POP3_TLS_INSECURE=true with a warning, but refuses it when NODE_ENV=production', () => {
      const insecure = loadConfig({ ...UPSTREAM, POP3_TLS_INSECURE: 'true' });
      expect(insecure.pop3.tlsInsecure).toBe(true);
      expect(insecure.warnings).toEqual([expect.stringMatching(/^POP3_TLS_INSECURE=true/)]);
      const error = configErrorFor({ ...UPSTREAM, POP3_TLS_INSECURE: 'true', NODE_ENV: 'production' });
      expect(error.message).toBe('POP3_TLS_INSECURE=true is refused when NODE_ENV=production');
      expect(loadConfig({ ...UPSTREAM, POP3_TLS_INSECURE: 'false', NODE_ENV: 'production' }).pop3.tlsInsecure).toBe(false);
    });

    it('reads the PEM of POP3_CA_FILE, and fails at start on a missing or non-PEM file', () => {
      const dir = mkdtempSync(join(tmpdir(), 'popgate-config-'));
      try {
        const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
        writeFileSync(join(dir, 'ca.pem'), pem);
        writeFileSync(join(dir, 'junk.txt'), 'not a certificate');
        expect(loadConfig({ ...UPSTREAM, POP3_CA_FILE: join(dir, 'ca.pem') }).pop3).toMatchObject({ caFile: join(dir, 'ca.pem'), ca: pem });
        expect(configErrorFor({ ...UPSTREAM, POP3_CA_FILE: join(dir, 'missing.pem') }).message).toMatch(/^POP3_CA_FILE cannot be read \(ENOENT\)/);
        expect(configErrorFor({ ...UPSTREAM, POP3_CA_FILE: join(dir, 'junk.txt') }).message).toMatch(/^POP3_CA_FILE must hold PEM/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('value checks', () => {
    it.each([
      ['POOL_MAX_PER_MAILBOX', 'abc', 'POOL_MAX_PER_MAILBOX must be a positive integer (got "abc")'],
      ['POOL_MAX_TOTAL', '0', 'POOL_MAX_TOTAL must be a positive integer (got "0")'],
      ['POP3_TIMEOUT_MS', '-5', 'POP3_TIMEOUT_MS must be a positive integer (got "-5")'],
      ['CACHE_TTL_S', '1.5', 'CACHE_TTL_S must be a positive integer (got "1.5")'],
      ['MAX_MESSAGE_BYTES', '1e6', 'MAX_MESSAGE_BYTES must be a positive integer (got "1e6")'],
      ['SESSION_MAX_AGE_MS', ' 10', 'SESSION_MAX_AGE_MS must be a positive integer (got " 10")'],
      ['POOL_IDLE_MS', 'soon', 'POOL_IDLE_MS must be a positive integer (got "soon")'],
      ['AUTH_FAILURE_LIMIT', 'ten', 'AUTH_FAILURE_LIMIT must be a positive integer (got "ten")'],
      ['POP3_PORT', '70000', 'POP3_PORT must be a port number (1-65535) (got "70000")'],
      ['PORT', 'http', 'PORT must be a port number (0-65535) (got "http")'],
      ['TRUST_PROXY', 'yes', 'TRUST_PROXY must be the number of reverse proxies in front of popgate (0-99) (got "yes")'],
      ['POP3_TLS', 'ssl', 'POP3_TLS must be one of implicit, starttls, none (got "ssl")'],
      ['POP3_AUTH', 'cram-md5', 'POP3_AUTH must be one of auto, user, plain, login, apop, xoauth2, oauthbearer (got "cram-md5")'],
      ['LOG_LEVEL', 'verbose', 'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent (got "verbose")'],
      ['POP3_ALLOW_PLAINTEXT', 'maybe', 'POP3_ALLOW_PLAINTEXT must be true or false (got "maybe")'],
      ['POP3_HOST', 'pop3s://mail.example.com', 'POP3_HOST must be a host name or IP address (not a URL) (got "pop3s://mail.example.com")'],
      ['DEMO_MAIL_EVERY_S', 'often', 'DEMO_MAIL_EVERY_S must be a number of seconds (0 turns the demo arrivals off) (got "often")'],
    ])('refuses %s=%j with one line naming it', (variable, value, message) => {
      const error = configErrorFor({ ...UPSTREAM, [variable]: value });
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('ConfigError');
      expect(error.variable).toBe(variable);
      expect(error.message).toBe(message);
    });

    it('accepts PORT=0 (any free port) and the usual boolean spellings', () => {
      expect(loadConfig({ PORT: '0' }).http.port).toBe(0);
      expect(loadConfig({ ...UPSTREAM, POP3_TLS_INSECURE: 'TRUE' }).pop3.tlsInsecure).toBe(true);
      expect(loadConfig({ ...UPSTREAM, POP3_TLS_INSECURE: '0' }).pop3.tlsInsecure).toBe(false);
    });

    it('accepts redis:// and rediss:// URLs and nothing else', () => {
      expect(loadConfig({ REDIS_URL: 'redis://localhost:6379/0' }).cache.redisUrl).toBe('redis://localhost:6379/0');
      expect(loadConfig({ REDIS_URL: 'rediss://cache.internal:6380' }).cache.redisUrl).toBe('rediss://cache.internal:6380');
      expect(configErrorFor({ REDIS_URL: 'http://localhost:6379' }).message).toBe('REDIS_URL must be a redis:// or rediss:// URL');
    });

    it('reads DEMO_MAIL_EVERY_S (default 30 s; 0: no demo arrivals)', () => {
      expect(loadConfig({}).demo).toEqual({ mailEveryS: 30 });
      expect(loadConfig({ DEMO_MAIL_EVERY_S: '0' }).demo).toEqual({ mailEveryS: 0 });
    });

    it('accepts every pino level', () => {
      for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']) {
        expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
      }
    });
  });

  describe('secrets', () => {
    it('never echoes a password, token or Redis URL in an error', () => {
      const secrets = [
        configErrorFor({ ...SINGLE, POP3_PASS: 'pass\nword' }),
        configErrorFor({ ...SINGLE, POP3_AUTH: 'xoauth2', POP3_PASS: 'hunter2-secret' }),
        configErrorFor({ ...SINGLE, API_TOKENS: 'sha256:hunter2-secret' }),
        configErrorFor({ REDIS_URL: 'http://:hunter2-secret@localhost' }),
      ];
      for (const error of secrets) {
        expect(error.message).not.toMatch(/hunter2|pass\nword|word/);
        expect(error.message).not.toContain('\n');
      }
    });
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig(SINGLE);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.pop3)).toBe(true);
    expect(Object.isFrozen(config.single?.apiTokens)).toBe(true);
    expect(() => {
      (config.pool as { maxTotal: number }).maxTotal = 1;
    }).toThrow(TypeError);
  });
});
