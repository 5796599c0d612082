import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AuthMethod, TlsMode } from './pop3/types';
import { parseSecret } from './accounts/secret-box';
import { tokenDigest } from './http/auth/api-tokens';
import { OAUTH_GRANTS, OAUTH_PROVIDERS, OAuthSettingsError, pop3EndpointOf, resolveOAuthClient, type OAuthClient, type OAuthProvider, type OAuthSettings } from './oauth/profiles';

/**
 * The gateway's configuration, read once from the environment (README "Configuration").
 * A bad value stops the start with a ConfigError: one line naming the variable, never
 * echoing a password, token or URL that may carry one.
 */

/** How the gateway finds its mailbox credentials (README "Configuration" and "Two commands": demo mode). */
export type GatewayMode = 'demo' | 'multi' | 'single';

/** pino's levels, plus `silent`. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** `demo`: no POP3_HOST, the bundled server; `single`: POP3_USER set; `multi`: per-request Basic credentials. */
  readonly mode: GatewayMode;
  readonly nodeEnv: string | null;
  /** `trustProxyHops`: reverse proxies in front (TRUST_PROXY), so client IPs come from X-Forwarded-For. */
  readonly http: { readonly port: number; readonly host: string; readonly trustProxyHops: number };
  readonly pop3: {
    /** null in demo mode: the bundled server's address is known only once it listens. */
    readonly host: string | null;
    readonly port: number;
    readonly tls: TlsMode;
    readonly allowPlaintext: boolean;
    readonly caFile: string | null;
    /** The PEM text of `caFile`, read at start so a bad path fails early. */
    readonly ca: string | null;
    /** The name the certificate must match; defaults to `host`. */
    readonly servername: string | null;
    /** Skip certificate verification (refused when NODE_ENV=production). */
    readonly tlsInsecure: boolean;
    readonly auth: AuthMethod;
    readonly timeoutMs: number;
  };
  /** Set in single-mailbox mode only. */
  readonly single: {
    readonly user: string;
    readonly password: string | null;
    readonly accessToken: string | null;
    /** POP3_OAUTH_*: popgate keeps the mailbox's access token itself (password and accessToken are then null). */
    readonly oauth: SingleMailboxOAuth | null;
    /** API_TOKENS entries as given: plain tokens or `sha256:<64 hex>`. */
    readonly apiTokens: readonly string[];
  } | null;
  readonly pool: {
    readonly maxPerMailbox: number;
    readonly maxTotal: number;
    readonly sessionMaxAgeMs: number;
    readonly idleMs: number;
  };
  readonly cache: { readonly redisUrl: string | null; readonly ttlSeconds: number };
  /**
   * Registered accounts: the key that seals their credentials (POPGATE_SECRET; null turns the
   * accounts API off), the key before a rotation, and ADMIN_TOKENS entries as given.
   */
  readonly accounts: { readonly secret: Buffer | null; readonly previousSecret: Buffer | null; readonly adminTokens: readonly string[] };
  readonly limits: { readonly maxMessageBytes: number; readonly authFailureLimit: number };
  /**
   * New-mail events (docs/events.md): the default poll interval of an account (POLL_INTERVAL_S),
   * how many events the log keeps (EVENT_RETENTION), how long a webhook receiver may take
   * (WEBHOOK_TIMEOUT_MS), and whether webhooks may target loopback/private addresses.
   */
  readonly events: { readonly pollIntervalS: number; readonly retention: number; readonly webhookTimeoutMs: number; readonly webhookAllowPrivate: boolean };
  /**
   * Onboarding of registered accounts (GET /oauth2/authorize): the gateway's own OAuth2 apps per
   * provider (OAUTH_GMAIL_*, OAUTH_OUTLOOK_*) and where providers send the user back (OAUTH_REDIRECT_URL).
   */
  readonly oauthApps: OAuthApps;
  /** Demo mode: seconds between the new sample messages it delivers (DEMO_MAIL_EVERY_S; 0: none). */
  readonly demo: { readonly mailEveryS: number };
  readonly logLevel: LogLevel;
  /** Things that are allowed but worth a line in the start-up log (e.g. POP3_TLS_INSECURE). */
  readonly warnings: readonly string[];
}

/** The single mailbox's OAuth2 client, its profile applied, and the refresh token from the environment. */
export interface SingleMailboxOAuth {
  readonly client: OAuthClient;
  /** POP3_OAUTH_REFRESH_TOKEN; null for client_credentials. A rotated one kept in Redis is preferred (src/oauth/single-mailbox.ts). */
  readonly refreshToken: string | null;
}

/** An OAuth2 app registered with a provider, used to ask users for consent. */
export interface OAuthApp {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Microsoft's directory (OAUTH_OUTLOOK_TENANT, default `common`). */
  readonly tenant: string;
}

export interface OAuthApps {
  readonly gmail: OAuthApp | null;
  readonly outlook: OAuthApp | null;
  /** OAUTH_REDIRECT_URL: this gateway's /oauth2/callback as the provider reaches it; null without apps. */
  readonly redirectUrl: string | null;
}

/** A bad or missing setting. The message is one line, names the variable, and never holds a secret. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    /** The environment variable at fault. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

/** Variables whose values must never appear in an error message (REDIS_URL may embed a password). */
const SECRET_VARIABLES = new Set([
  'POP3_PASS',
  'POP3_ACCESS_TOKEN',
  'API_TOKENS',
  'REDIS_URL',
  'POPGATE_SECRET',
  'POPGATE_SECRET_PREVIOUS',
  'ADMIN_TOKENS',
  'POP3_OAUTH_CLIENT_SECRET',
  'POP3_OAUTH_REFRESH_TOKEN',
  'OAUTH_GMAIL_CLIENT_SECRET',
  'OAUTH_OUTLOOK_CLIENT_SECRET',
]);
/** The variable that carries each OAuthSettings field in single-mailbox mode. */
const OAUTH_VARIABLES: Readonly<Record<keyof OAuthSettings, string>> = {
  provider: 'POP3_OAUTH_PROVIDER',
  clientId: 'POP3_OAUTH_CLIENT_ID',
  clientSecret: 'POP3_OAUTH_CLIENT_SECRET',
  refreshToken: 'POP3_OAUTH_REFRESH_TOKEN',
  tenant: 'POP3_OAUTH_TENANT',
  grant: 'POP3_OAUTH_GRANT',
  tokenUrl: 'POP3_OAUTH_TOKEN_URL',
  scope: 'POP3_OAUTH_SCOPE',
  clientAuth: 'POP3_OAUTH_CLIENT_AUTH',
};
const AUTH_METHODS = ['auto', 'user', 'plain', 'login', 'apop', 'xoauth2', 'oauthbearer'] as const satisfies readonly AuthMethod[];
/** The methods that log in with an OAuth2 access token instead of a password. */
const TOKEN_METHODS: ReadonlySet<AuthMethod> = new Set(['xoauth2', 'oauthbearer']);
const TLS_MODES = ['implicit', 'starttls', 'none'] as const satisfies readonly TlsMode[];
/** RFC 1939 §3 / RFC 8314 §3.3 well-known ports. */
const POP3S_PORT = 995;
const POP3_PORT = 110;

const positiveInteger = z
  .string()
  .regex(/^\d{1,15}$/, { error: 'must be a positive integer' })
  .transform(Number)
  .refine((n) => n > 0, { error: 'must be a positive integer' });
const tcpPort = (zeroAllowed: boolean) => z
  .string()
  .regex(/^\d{1,5}$/, { error: `must be a port number (${zeroAllowed ? 0 : 1}-65535)` })
  .transform(Number)
  .refine((n) => n >= (zeroAllowed ? 0 : 1) && n <= 65535, { error: `must be a port number (${zeroAllowed ? 0 : 1}-65535)` });
const flag = z.stringbool({ truthy: ['true', '1', 'yes'], falsy: ['false', '0', 'no'], error: 'must be true or false' });
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });
const hostName = z.string().regex(/^[A-Za-z0-9._:\-[\]%]+$/, { error: 'must be a host name or IP address (not a URL)' });

const environment = z.object({
  PORT: tcpPort(true).default(3000),
  HOST: hostName.default('0.0.0.0'),
  TRUST_PROXY: z
    .string()
    .regex(/^\d{1,2}$/, { error: 'must be the number of reverse proxies in front of popgate (0-99)' })
    .transform(Number)
    .default(0),
  POP3_HOST: hostName.optional(),
  POP3_PORT: tcpPort(false).optional(),
  POP3_TLS: oneOf(TLS_MODES).default('implicit'),
  POP3_ALLOW_PLAINTEXT: flag.default(false),
  POP3_CA_FILE: z.string().optional(),
  POP3_TLS_SERVERNAME: hostName.optional(),
  POP3_TLS_INSECURE: flag.default(false),
  // Default `auto`, or `xoauth2` with POP3_OAUTH_PROVIDER (decided in build()).
  POP3_AUTH: oneOf(AUTH_METHODS).optional(),
  POP3_USER: z.string().regex(/^[^\r\n\0]+$/, { error: 'must not contain CR, LF or NUL' }).optional(),
  POP3_PASS: z.string().regex(/^[^\r\n\0]+$/, { error: 'must not contain CR, LF or NUL' }).optional(),
  POP3_ACCESS_TOKEN: z.string().regex(/^[^\r\n\0]+$/, { error: 'must not contain CR, LF or NUL' }).optional(),
  API_TOKENS: z.string().optional(),
  POP3_OAUTH_PROVIDER: oneOf(OAUTH_PROVIDERS).optional(),
  POP3_OAUTH_CLIENT_ID: z.string().optional(),
  POP3_OAUTH_CLIENT_SECRET: z.string().optional(),
  POP3_OAUTH_REFRESH_TOKEN: z.string().optional(),
  POP3_OAUTH_TENANT: z.string().optional(),
  POP3_OAUTH_GRANT: oneOf(OAUTH_GRANTS).optional(),
  POP3_OAUTH_TOKEN_URL: z.string().optional(),
  POP3_OAUTH_SCOPE: z.string().optional(),
  POP3_OAUTH_CLIENT_AUTH: oneOf(['post', 'basic'] as const).optional(),
  OAUTH_GMAIL_CLIENT_ID: z.string().optional(),
  OAUTH_GMAIL_CLIENT_SECRET: z.string().optional(),
  OAUTH_OUTLOOK_CLIENT_ID: z.string().optional(),
  OAUTH_OUTLOOK_CLIENT_SECRET: z.string().optional(),
  OAUTH_OUTLOOK_TENANT: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/, { error: 'must be a tenant id, a domain, or common / organizations' }).optional(),
  OAUTH_REDIRECT_URL: z.string().refine(isHttpUrl, { error: 'must be an http(s) URL: this gateway\'s /oauth2/callback as browsers reach it' }).optional(),
  POPGATE_SECRET: z.string().optional(),
  POPGATE_SECRET_PREVIOUS: z.string().optional(),
  ADMIN_TOKENS: z.string().optional(),
  POP3_TIMEOUT_MS: positiveInteger.default(30_000),
  POOL_MAX_PER_MAILBOX: positiveInteger.default(2),
  POOL_MAX_TOTAL: positiveInteger.default(100),
  SESSION_MAX_AGE_MS: positiveInteger.default(30_000),
  POOL_IDLE_MS: positiveInteger.default(60_000),
  REDIS_URL: z.string().refine(isRedisUrl, { error: 'must be a redis:// or rediss:// URL' }).optional(),
  CACHE_TTL_S: positiveInteger.default(30),
  MAX_MESSAGE_BYTES: positiveInteger.default(104_857_600),
  AUTH_FAILURE_LIMIT: positiveInteger.default(10),
  POLL_INTERVAL_S: positiveInteger.refine((n) => n >= 10 && n <= 86_400, { error: 'must be a number of seconds from 10 to 86400' }).default(60),
  EVENT_RETENTION: positiveInteger.refine((n) => n >= 100, { error: 'must be at least 100 events' }).default(100_000),
  WEBHOOK_TIMEOUT_MS: positiveInteger.default(10_000),
  WEBHOOK_ALLOW_PRIVATE: flag.default(false),
  DEMO_MAIL_EVERY_S: z
    .string()
    .regex(/^\d{1,5}$/, { error: 'must be a number of seconds (0 turns the demo arrivals off)' })
    .transform(Number)
    .default(30),
  LOG_LEVEL: oneOf(LOG_LEVELS).default('info'),
  NODE_ENV: z.string().optional(),
});
type Environment = z.output<typeof environment>;

/**
 * Reads and checks every setting. Empty variables count as unset (as `VAR=` in a compose
 * file means). Reads POP3_CA_FILE, so a wrong path fails here rather than at the first request.
 * @throws ConfigError for the first bad or missing setting.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(environment.shape).map((name) => [name, env[name] === '' ? undefined : env[name]]),
  );
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, describe(variable, issue?.message ?? 'is invalid', present[variable]));
  }
  return deepFreeze(build(parsed.data));
}

function build(env: Environment): Config {
  const warnings: string[] = [];
  const oauthProvider = env.POP3_OAUTH_PROVIDER;
  // A provider profile names the upstream server, so POP3_HOST may be left out then.
  const host = env.POP3_HOST ?? (oauthProvider === undefined ? undefined : pop3EndpointOf(oauthProvider)?.host);
  if (oauthProvider !== undefined && host === undefined) fail('POP3_HOST', `POP3_OAUTH_PROVIDER=${oauthProvider} names no POP3 server: set POP3_HOST`);
  const mode: GatewayMode = oauthProvider !== undefined ? 'single' : env.POP3_HOST === undefined ? 'demo' : env.POP3_USER !== undefined ? 'single' : 'multi';
  const auth = env.POP3_AUTH ?? (oauthProvider === undefined ? 'auto' : 'xoauth2');

  if (env.POP3_TLS === 'none' && !env.POP3_ALLOW_PLAINTEXT) {
    fail('POP3_TLS', 'POP3_TLS=none sends passwords in clear text: it also needs POP3_ALLOW_PLAINTEXT=true');
  }
  if (env.POP3_TLS_INSECURE) {
    if (env.NODE_ENV === 'production') fail('POP3_TLS_INSECURE', 'POP3_TLS_INSECURE=true is refused when NODE_ENV=production');
    warnings.push('POP3_TLS_INSECURE=true: the upstream certificate is not verified; anyone on the path can read the mail and passwords');
  }
  if (env.POP3_TLS === 'none') warnings.push('POP3_TLS=none: POP3 passwords and mail cross the network unencrypted');

  const single = mode === 'single' ? singleMailbox(env, auth, warnings) : null;
  if (mode === 'demo' && env.POP3_USER !== undefined) {
    fail('POP3_USER', 'POP3_USER is set but POP3_HOST is not: single-mailbox mode needs an upstream server');
  }
  if (mode !== 'single') {
    for (const name of ['POP3_PASS', 'POP3_ACCESS_TOKEN', 'API_TOKENS'] as const) {
      if (env[name] !== undefined) warnings.push(`${name} is ignored: it only applies when POP3_USER is set`);
    }
    for (const name of oauthVariablesSet(env)) warnings.push(`${name} is ignored: it only applies with POP3_OAUTH_PROVIDER`);
  }

  const caFile = env.POP3_CA_FILE ?? null;
  return {
    mode,
    nodeEnv: env.NODE_ENV ?? null,
    http: { port: env.PORT, host: env.HOST, trustProxyHops: env.TRUST_PROXY },
    pop3: {
      host: host ?? null,
      port: env.POP3_PORT ?? (env.POP3_TLS === 'implicit' ? POP3S_PORT : POP3_PORT),
      tls: env.POP3_TLS,
      allowPlaintext: env.POP3_ALLOW_PLAINTEXT,
      caFile,
      ca: caFile === null ? null : readCaFile(caFile),
      servername: env.POP3_TLS_SERVERNAME ?? host ?? null,
      tlsInsecure: env.POP3_TLS_INSECURE,
      auth,
      timeoutMs: env.POP3_TIMEOUT_MS,
    },
    single,
    pool: {
      maxPerMailbox: env.POOL_MAX_PER_MAILBOX,
      maxTotal: env.POOL_MAX_TOTAL,
      sessionMaxAgeMs: env.SESSION_MAX_AGE_MS,
      idleMs: env.POOL_IDLE_MS,
    },
    cache: { redisUrl: env.REDIS_URL ?? null, ttlSeconds: env.CACHE_TTL_S },
    accounts: accountsConfig(env),
    limits: { maxMessageBytes: env.MAX_MESSAGE_BYTES, authFailureLimit: env.AUTH_FAILURE_LIMIT },
    events: {
      pollIntervalS: env.POLL_INTERVAL_S,
      retention: env.EVENT_RETENTION,
      webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
      webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
    },
    oauthApps: oauthApps(env),
    demo: { mailEveryS: env.DEMO_MAIL_EVERY_S },
    logLevel: env.LOG_LEVEL,
    warnings,
  };
}

function accountsConfig(env: Environment): Config['accounts'] {
  const secret = (name: 'POPGATE_SECRET' | 'POPGATE_SECRET_PREVIOUS'): Buffer | null => {
    const value = env[name];
    if (value === undefined) return null;
    try {
      return parseSecret(value);
    } catch (error) {
      return fail(name, `${name} ${(error as Error).message}`);
    }
  };
  const current = secret('POPGATE_SECRET');
  const previous = secret('POPGATE_SECRET_PREVIOUS');
  if (previous !== null && current === null) fail('POPGATE_SECRET', 'POPGATE_SECRET_PREVIOUS is set, so POPGATE_SECRET (the new secret) must be set too');
  return { secret: current, previousSecret: previous, adminTokens: env.ADMIN_TOKENS === undefined ? [] : parseTokenList('ADMIN_TOKENS', env.ADMIN_TOKENS) };
}

function singleMailbox(env: Environment, auth: AuthMethod, warnings: string[]): NonNullable<Config['single']> {
  if (env.POP3_USER === undefined) fail('POP3_USER', 'single-mailbox mode (POP3_OAUTH_PROVIDER set) needs POP3_USER: the mailbox to log in to');
  const user = env.POP3_USER;
  if (env.API_TOKENS === undefined) {
    fail('API_TOKENS', 'single-mailbox mode (POP3_USER set) needs API_TOKENS: the bearer tokens callers must present');
  }
  const apiTokens = parseTokenList('API_TOKENS', env.API_TOKENS);
  if (env.POP3_OAUTH_PROVIDER !== undefined) {
    return { user, password: null, accessToken: null, oauth: singleMailboxOAuth(env, env.POP3_OAUTH_PROVIDER, auth, warnings), apiTokens };
  }
  const stray = oauthVariablesSet(env)[0];
  if (stray !== undefined) fail(stray, `${stray} is set but POP3_OAUTH_PROVIDER is not: set POP3_OAUTH_PROVIDER (gmail, outlook or generic) to use OAuth2`);
  const password = env.POP3_PASS ?? null;
  const accessToken = env.POP3_ACCESS_TOKEN ?? null;
  if (password === null && accessToken === null) {
    fail('POP3_PASS', 'POP3_USER is set, so POP3_PASS (or POP3_ACCESS_TOKEN with POP3_AUTH=xoauth2 or oauthbearer) must be set too');
  }
  const tokenMethod = TOKEN_METHODS.has(auth);
  if (tokenMethod && accessToken === null) {
    fail('POP3_ACCESS_TOKEN', `POP3_AUTH=${auth} needs POP3_ACCESS_TOKEN (or POP3_OAUTH_PROVIDER, so popgate keeps the token itself)`);
  }
  if (!tokenMethod && password === null) {
    fail('POP3_PASS', `POP3_AUTH=${auth} needs POP3_PASS (POP3_ACCESS_TOKEN is only used with POP3_AUTH=xoauth2 or oauthbearer)`);
  }
  return { user, password, accessToken, oauth: null, apiTokens };
}

/** POP3_OAUTH_*: the provider's profile applied, every problem named by its variable. */
function singleMailboxOAuth(env: Environment, provider: OAuthProvider, auth: AuthMethod, warnings: string[]): SingleMailboxOAuth {
  for (const name of ['POP3_PASS', 'POP3_ACCESS_TOKEN'] as const) {
    if (env[name] !== undefined) fail(name, `${name} cannot be combined with POP3_OAUTH_PROVIDER: popgate obtains the access token itself`);
  }
  if (!TOKEN_METHODS.has(auth)) fail('POP3_AUTH', `POP3_AUTH=${auth} cannot log in with OAuth2 tokens: leave it unset (xoauth2), or set oauthbearer, with POP3_OAUTH_PROVIDER`);
  if (env.POP3_OAUTH_CLIENT_ID === undefined) fail('POP3_OAUTH_CLIENT_ID', 'POP3_OAUTH_PROVIDER is set, so POP3_OAUTH_CLIENT_ID (the OAuth2 app\'s client id) must be set too');
  const settings: OAuthSettings = {
    provider,
    clientId: env.POP3_OAUTH_CLIENT_ID,
    clientSecret: env.POP3_OAUTH_CLIENT_SECRET,
    refreshToken: env.POP3_OAUTH_REFRESH_TOKEN,
    tenant: env.POP3_OAUTH_TENANT,
    grant: env.POP3_OAUTH_GRANT,
    tokenUrl: env.POP3_OAUTH_TOKEN_URL,
    scope: env.POP3_OAUTH_SCOPE,
    clientAuth: env.POP3_OAUTH_CLIENT_AUTH,
  };
  let client: OAuthClient;
  try {
    client = resolveOAuthClient(settings);
  } catch (error) {
    if (!(error instanceof OAuthSettingsError)) throw error;
    const variable = OAUTH_VARIABLES[error.field];
    return fail(variable, describe(variable, error.message, env[variable as keyof Environment] as string | undefined));
  }
  if (provider === 'gmail' && !(env.POP3_USER ?? '').startsWith('recent:')) {
    warnings.push('POP3_USER has no recent: prefix: in its normal POP mode Gmail stops listing a message once it was downloaded, so a message read through popgate vanishes from /messages (set POP3_USER=recent:<address>; docs/providers.md)');
  }
  if (client.grant === 'refresh_token' && (env.REDIS_URL === undefined || env.POPGATE_SECRET === undefined)) {
    warnings.push('a refresh token the provider rotates is kept in this process only and will not survive a restart (set REDIS_URL and POPGATE_SECRET to keep it, encrypted)');
  }
  return { client, refreshToken: client.grant === 'refresh_token' ? (env.POP3_OAUTH_REFRESH_TOKEN ?? null) : null };
}

/** The POP3_OAUTH_* variables that are set, POP3_OAUTH_PROVIDER aside. */
function oauthVariablesSet(env: Environment): string[] {
  return Object.values(OAUTH_VARIABLES).filter((name) => name !== 'POP3_OAUTH_PROVIDER' && env[name as keyof Environment] !== undefined);
}

/** OAUTH_GMAIL_*, OAUTH_OUTLOOK_*, OAUTH_REDIRECT_URL: each app needs its id and secret, and any app the redirect URL. */
function oauthApps(env: Environment): OAuthApps {
  const app = (provider: 'GMAIL' | 'OUTLOOK', tenant?: string): OAuthApp | null => {
    const id = env[`OAUTH_${provider}_CLIENT_ID`];
    const secret = env[`OAUTH_${provider}_CLIENT_SECRET`];
    if (id === undefined && secret === undefined) return null;
    if (id === undefined) fail(`OAUTH_${provider}_CLIENT_ID`, `OAUTH_${provider}_CLIENT_SECRET is set, so OAUTH_${provider}_CLIENT_ID must be set too`);
    if (secret === undefined) fail(`OAUTH_${provider}_CLIENT_SECRET`, `OAUTH_${provider}_CLIENT_ID is set, so OAUTH_${provider}_CLIENT_SECRET must be set too`);
    return { clientId: id, clientSecret: secret, tenant: tenant ?? 'common' };
  };
  const gmail = app('GMAIL');
  const outlook = app('OUTLOOK', env.OAUTH_OUTLOOK_TENANT);
  if ((gmail !== null || outlook !== null) && env.OAUTH_REDIRECT_URL === undefined) {
    fail('OAUTH_REDIRECT_URL', 'OAuth2 apps are configured, so OAUTH_REDIRECT_URL (this gateway\'s /oauth2/callback, as registered with the provider) must be set too');
  }
  return { gmail, outlook, redirectUrl: env.OAUTH_REDIRECT_URL ?? null };
}

/** Comma-separated; each entry a plain token or `sha256:` and the hex digest of one. */
function parseTokenList(name: 'API_TOKENS' | 'ADMIN_TOKENS', value: string): string[] {
  const tokens = value.split(',').map((token) => token.trim()).filter((token) => token !== '');
  if (tokens.length === 0) fail(name, `${name} must list at least one token (comma-separated)`);
  tokens.forEach((token, index) => {
    try {
      tokenDigest(token);
    } catch (error) {
      fail(name, `${name} entry ${index + 1} ${(error as Error).message}`);
    }
  });
  return tokens;
}

function readCaFile(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    fail('POP3_CA_FILE', `POP3_CA_FILE cannot be read (${code}): ${JSON.stringify(path)}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    fail('POP3_CA_FILE', `POP3_CA_FILE must hold PEM certificates (no BEGIN CERTIFICATE in ${JSON.stringify(path)})`);
  }
  return pem;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function isRedisUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** `NAME must be … (got "value")`, the value left out for secrets and cut short if long. */
function describe(variable: string, problem: string, value: string | undefined): string {
  if (value === undefined || SECRET_VARIABLES.has(variable)) return `${variable} ${problem}`;
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return `${variable} ${problem} (got ${JSON.stringify(shown)})`;
}

function fail(variable: string, message: string): never {
  throw new ConfigError(variable, message);
}

function deepFreeze<T>(value: T): T {
  // A Buffer (the secrets) cannot be frozen: its bytes are an ArrayBuffer view.
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
